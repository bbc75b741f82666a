// The web console's entry point: one framework-neutral function for everything under /console/,
// given the raw request, its response and its body. Pages are server-rendered HTML with one
// stylesheet and no script. Sign-in goes through ConsoleSignIn; every action after it is an API
// call made as the signed-in principal (ConsoleApi), so the policy engine decides it.
//
// Security: every response carries a strict CSP, X-Frame-Options DENY, nosniff, a same-origin referrer
// policy and no-store; the session id travels only in an HttpOnly, SameSite=Strict cookie (Secure over TLS)
// and is replaced at each sign-in step; every POST needs the session's CSRF token and, when the
// browser sends one, a same-origin Origin header; no secret or session id is ever put in a URL.

import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { TLSSocket } from "node:tls";
import type { ConsoleSessionVault } from "../server/ConsoleSessionVault.ts";
import type { ConsoleSignIn, PendingSignIn, SignInOutcome } from "../server/ConsoleSignIn.ts";
import {
  authenticationOptions,
  type RelyingParty,
  registrationOptions,
  verifyRegistration,
} from "../server/securityKeyCeremonies.ts";
import { adminRoutes } from "./adminRoutes.ts";
import { auditRoutes } from "./auditRoutes.ts";
import { type ApiPipeline, type ApiResult, type CallFrom, ConsoleApi, listOf } from "./ConsoleApi.ts";
import {
  type ConsoleSession,
  ConsoleSessions,
  csrfTokenMatches,
  DEFAULT_IDLE_TIMEOUT_MS,
  type Flash,
} from "./ConsoleSessions.ts";
import { CONSOLE_STYLESHEET } from "./consoleStylesheet.ts";
import { findingsRoutes } from "./findingsRoutes.ts";
import { html, type SafeHtml } from "./html.ts";
import { accessKeyCreatedPage } from "./pages/accessKeyCreatedPage.ts";
import { changePasswordPage } from "./pages/changePasswordPage.ts";
import { mfaCodePage } from "./pages/mfaCodePage.ts";
import { mfaSetupPage } from "./pages/mfaSetupPage.ts";
import { type Layout, renderLayout } from "./pages/renderLayout.ts";
import { securityCredentialsPage } from "./pages/securityCredentialsPage.ts";
import { signInPage } from "./pages/signInPage.ts";
import { POLICY_EDITOR_SCRIPT } from "./policyEditorScript.ts";
import { SECURITY_KEY_SCRIPT } from "./securityKeyScript.ts";

export type ConsoleRequestHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
) => Promise<void>;

export interface ConsoleDeps {
  api: ApiPipeline;
  signIn: ConsoleSignIn;
  /** Where sessions are kept: the store every worker and node shares. */
  sessions: ConsoleSessionVault;
  idleTimeoutMs?: number;
  /** Where an unexpected failure's cause is logged. */
  log?: (err: unknown) => void;
}

export const CONSOLE_COOKIE = "portcullis-console";

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  // Not no-referrer: under it browsers send "Origin: null" with forms, and the origin check needs it.
  "referrer-policy": "same-origin",
  "cache-control": "no-store",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
};

/** One request, as the routes see it. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  form: URLSearchParams;
  secure: boolean;
  from: CallFrom;
  session: ConsoleSession | undefined;
  /** The answer, held back until the session is saved: the next request may reach another worker. */
  reply?: { status: number; headers: Record<string, string>; body: string | Buffer };
}

/** A signed-in exchange. */
export interface Signed extends Exchange {
  session: ConsoleSession & { credential: NonNullable<ConsoleSession["credential"]> };
}

type Route = (x: Exchange) => Promise<void> | void;
export type SignedRoute = (x: Signed) => Promise<void> | void;

function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sessionCookie(value: string, secure: boolean, clear = false): string {
  return (
    `${CONSOLE_COOKIE}=${value}; Path=/console; HttpOnly; SameSite=Strict` +
    (secure ? "; Secure" : "") +
    (clear ? "; Max-Age=0" : "")
  );
}

function send(
  x: Exchange,
  status: number,
  contentType: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
) {
  x.reply = {
    status,
    headers: {
      ...SECURITY_HEADERS,
      ...(x.secure ? { "strict-transport-security": "max-age=31536000" } : {}),
      "content-type": contentType,
      ...extra,
    },
    body,
  };
}

function redirect(x: Exchange, location: string): void {
  send(x, 303, "text/plain; charset=utf-8", "", { location });
}

function page(
  x: Exchange,
  title: string,
  body: SafeHtml,
  status = 200,
  extra: Pick<Layout, "securityKeyScript" | "policyEditorScript"> = {},
): void {
  const session = x.session;
  const flash = session?.flash;
  if (session) delete session.flash;
  const signedIn = session?.credential
    ? { arn: session.credential.principal.caller.arn, csrfToken: session.csrfToken }
    : undefined;
  send(x, status, "text/html; charset=utf-8", renderLayout({ title, body, flash, signedIn, ...extra }));
}

function errorText(result: ApiResult & { ok: false }): string {
  return result.message ? `${result.code}: ${result.message}` : result.code;
}

export function createConsoleHandler(deps: ConsoleDeps): ConsoleRequestHandler {
  const sessions = new ConsoleSessions(deps.sessions, deps.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
  let webauthnBrowser: Buffer | undefined;
  const api = new ConsoleApi(deps.api);

  const call = (
    x: Signed,
    service: "iam" | "sts",
    action: string,
    params: Record<string, string | undefined> = {},
  ) => api.call(x.session.credential, service, action, params, x.from);

  const flash = (x: Exchange, f: Flash) => {
    if (x.session) x.session.flash = f;
  };

  /** Puts the (new) session's id in the cookie. */
  const setSession = (x: Exchange, session: ConsoleSession) => {
    x.session = session;
    x.res.setHeader("set-cookie", sessionCookie(session.id, x.secure));
  };

  const anonymous = (x: Exchange): ConsoleSession => {
    if (x.session) return x.session;
    const session = sessions.create();
    setSession(x, session);
    return session;
  };

  // --- sign-in ---------------------------------------------------------------------------------

  const showSignIn: Route = (x) => {
    if (x.session?.credential) return redirect(x, "/console/home");
    const session = anonymous(x);
    page(x, "Sign in", signInPage(session.csrfToken, {}));
  };

  const submitSignIn: Route = async (x) => {
    const session = anonymous(x);
    const root = x.form.get("as") === "root";
    const account = x.form.get("account") ?? "";
    const userName = (x.form.get("username") ?? "").trim();
    const outcome = await deps.signIn.withPassword({
      account,
      userName: root ? undefined : userName,
      password: x.form.get("password") ?? "",
      ...x.from,
    });
    if (outcome.kind === "refused") {
      session.flash = { kind: "error", text: outcome.message };
      return page(x, "Sign in", signInPage(session.csrfToken, { account, userName, root }), 401);
    }
    if (outcome.kind === "mfa-required") {
      setSession(x, sessions.rotate(session, { pending: outcome.pending }));
      return redirect(x, "/console/mfa");
    }
    setSession(x, sessions.rotate(session, { credential: outcome.credential }));
    redirect(x, outcome.credential.passwordChange ? "/console/password" : "/console/home");
  };

  const showMfa: Route = (x) => {
    const pending = x.session?.pending;
    if (!x.session || !pending) return redirect(x, "/console/signin");
    mfaPage(x, pending);
  };

  const mfaPage = (x: Exchange, pending: PendingSignIn, status = 200) =>
    page(
      x,
      "Multi-factor authentication",
      mfaCodePage(
        (x.session as ConsoleSession).csrfToken,
        pending.mfaSerialNumbers,
        pending.securityKeys.length > 0,
      ),
      status,
      { securityKeyScript: pending.securityKeys.length > 0 },
    );

  /** Finishes a sign-in step: on to the session, or back to the form with the refusal. */
  const finishSignIn = (
    x: Exchange,
    session: ConsoleSession,
    pending: PendingSignIn,
    outcome: SignInOutcome,
  ) => {
    if (outcome.kind !== "signed-in") {
      session.flash = { kind: "error", text: outcome.kind === "refused" ? outcome.message : "" };
      return mfaPage(x, pending, 401);
    }
    setSession(x, sessions.rotate(session, { credential: outcome.credential }));
    redirect(x, outcome.credential.passwordChange ? "/console/password" : "/console/home");
  };

  const securityKeySignInOptions: Route = async (x) => {
    const pending = x.session?.pending;
    if (!x.session || pending === undefined || pending.securityKeys.length === 0) {
      return send(x, 404, "application/json", "{}");
    }
    const options = await authenticationOptions(
      relyingParty(x),
      pending.securityKeys.map((k) => k.key),
    );
    x.session.webauthnChallenge = options.challenge;
    send(x, 200, "application/json", JSON.stringify(options));
  };

  const submitSecurityKey: Route = async (x) => {
    const session = x.session;
    const pending = session?.pending;
    if (!session || !pending) return redirect(x, "/console/signin");
    const challenge = session.webauthnChallenge ?? "";
    delete session.webauthnChallenge;
    const outcome = await deps.signIn.withSecurityKey(pending, {
      response: parseJson(x.form.get("response")),
      challenge,
      rp: relyingParty(x),
      ...x.from,
    });
    finishSignIn(x, session, pending, outcome);
  };

  const submitMfa: Route = async (x) => {
    const session = x.session;
    const pending = session?.pending;
    if (!session || !pending) return redirect(x, "/console/signin");
    const outcome = await deps.signIn.withMfaCode(pending, {
      serialNumber: x.form.get("serial") ?? "",
      code: (x.form.get("code") ?? "").trim(),
      ...x.from,
    });
    finishSignIn(x, session, pending, outcome);
  };

  const signOut: Route = async (x) => {
    if (x.session) await sessions.end(x.session, x.from);
    x.session = undefined;
    x.res.setHeader("set-cookie", sessionCookie("", x.secure, true));
    redirect(x, "/console/signin");
  };

  // --- my security credentials -----------------------------------------------------------------

  const showHome: SignedRoute = async (x) => {
    // Leaving the page of a new key forgets its secret.
    delete x.session.newAccessKey;
    const credential = x.session.credential;
    const isRoot = credential.principal.caller.type === "Root";
    const [mfa, keys] = await Promise.all([
      call(x, "iam", "ListMFADevices"),
      call(x, "iam", "ListAccessKeys"),
    ]);
    page(
      x,
      "My security credentials",
      securityCredentialsPage({
        csrfToken: x.session.csrfToken,
        isRoot,
        mfaAuthenticatedAt: credential.mfaAuthenticatedAt,
        mfaDevices: mfa.ok
          ? {
              ok: true,
              items: listOf(mfa.result.MFADevices).map((d) => ({
                serialNumber: d.SerialNumber ?? "",
                enableDate: d.EnableDate ?? "",
              })),
            }
          : { ok: false, message: errorText(mfa) },
        accessKeys: keys.ok
          ? {
              ok: true,
              items: listOf(keys.result.AccessKeyMetadata).map((k) => ({
                accessKeyId: k.AccessKeyId ?? "",
                status: k.Status ?? "",
                createDate: k.CreateDate ?? "",
              })),
            }
          : { ok: false, message: errorText(keys) },
      }),
      200,
      { securityKeyScript: true },
    );
  };

  const securityKeyRegistrationOptions: SignedRoute = async (x) => {
    const caller = x.session.credential.principal.caller;
    const options = await registrationOptions(
      relyingParty(x),
      { id: caller.principalId, name: caller.userName ?? caller.accountId },
      [],
    );
    x.session.webauthnChallenge = options.challenge;
    send(x, 200, "application/json", JSON.stringify(options));
  };

  const registerSecurityKey: SignedRoute = async (x) => {
    const challenge = x.session.webauthnChallenge ?? "";
    delete x.session.webauthnChallenge;
    const key = await verifyRegistration(relyingParty(x), parseJson(x.form.get("response")), challenge);
    if (!key) {
      flash(x, { kind: "error", text: "The security key could not be verified. Try again." });
      return redirect(x, "/console/home");
    }
    const r = await api.callInternal(
      x.session.credential,
      "RegisterSecurityKey",
      {
        UserName: x.session.credential.principal.caller.userName,
        DeviceName: (x.form.get("keyName") ?? "").trim(),
        SecurityKey: key,
      },
      x.from,
    );
    await act(x, Promise.resolve(r), r.ok ? `Security key ${String(r.result.SerialNumber)} added.` : "");
  };

  /** Runs one API call for a form and comes back to `to` with its outcome as the page's message. */
  const act = async (x: Signed, result: Promise<ApiResult>, success: string, to = "/console/home") => {
    const r = await result;
    flash(x, r.ok ? { kind: "info", text: success } : { kind: "error", text: errorText(r) });
    redirect(x, to);
    return r;
  };

  const showPassword: SignedRoute = async (x) => {
    const policy = await call(x, "iam", "GetAccountPasswordPolicy");
    page(
      x,
      "Change password",
      changePasswordPage(
        x.session.csrfToken,
        x.session.credential.passwordChange,
        policy.ok ? passwordRules(policy.result.PasswordPolicy) : [],
      ),
    );
  };

  const submitPassword: SignedRoute = async (x) => {
    const newPassword = x.form.get("newPassword") ?? "";
    if (newPassword !== (x.form.get("confirmPassword") ?? "")) {
      flash(x, { kind: "error", text: "The new password and its confirmation do not match." });
      return redirect(x, "/console/password");
    }
    const r = await call(x, "iam", "ChangePassword", {
      OldPassword: x.form.get("oldPassword") ?? "",
      NewPassword: newPassword,
    });
    if (!r.ok) {
      flash(x, { kind: "error", text: errorText(r) });
      return redirect(x, "/console/password");
    }
    const { passwordChange: _, ...rest } = x.session.credential;
    x.session.credential = rest;
    flash(x, { kind: "info", text: "Your password has been changed." });
    redirect(x, "/console/home");
  };

  const createMfaDevice: SignedRoute = async (x) => {
    const r = await call(x, "iam", "CreateVirtualMFADevice", {
      VirtualMFADeviceName: (x.form.get("deviceName") ?? "").trim(),
    });
    if (!r.ok) {
      flash(x, { kind: "error", text: errorText(r) });
      return redirect(x, "/console/home");
    }
    const device = r.result.VirtualMFADevice as Record<string, string>;
    x.session.mfaSetup = {
      serialNumber: device.SerialNumber ?? "",
      qrCodePng: Buffer.from(device.QRCodePNG ?? "", "base64"),
      base32Seed: Buffer.from(device.Base32StringSeed ?? "", "base64").toString("ascii"),
    };
    redirect(x, "/console/mfa-devices/setup");
  };

  const showMfaSetup: SignedRoute = (x) => {
    const setup = x.session.mfaSetup;
    if (!setup) return redirect(x, "/console/home");
    page(x, "Set up a virtual MFA device", mfaSetupPage(x.session.csrfToken, setup));
  };

  const mfaQrCode: SignedRoute = (x) => {
    const setup = x.session.mfaSetup;
    if (!setup) return send(x, 404, "text/plain; charset=utf-8", "Not found");
    send(x, 200, "image/png", setup.qrCodePng);
  };

  const enableMfaDevice: SignedRoute = async (x) => {
    const setup = x.session.mfaSetup;
    if (!setup) return redirect(x, "/console/home");
    const r = await call(x, "iam", "EnableMFADevice", {
      UserName: x.session.credential.principal.caller.userName,
      SerialNumber: setup.serialNumber,
      AuthenticationCode1: (x.form.get("code1") ?? "").trim(),
      AuthenticationCode2: (x.form.get("code2") ?? "").trim(),
    });
    if (!r.ok) {
      flash(x, { kind: "error", text: errorText(r) });
      return redirect(x, "/console/mfa-devices/setup");
    }
    delete x.session.mfaSetup;
    flash(x, { kind: "info", text: `MFA device ${setup.serialNumber} added.` });
    redirect(x, "/console/home");
  };

  const cancelMfaSetup: SignedRoute = async (x) => {
    const setup = x.session.mfaSetup;
    delete x.session.mfaSetup;
    if (!setup) return redirect(x, "/console/home");
    // The device was created but never enabled: it goes, so it does not linger unassigned.
    await act(
      x,
      call(x, "iam", "DeleteVirtualMFADevice", { SerialNumber: setup.serialNumber }),
      "MFA set-up cancelled.",
    );
  };

  const removeMfaDevice: SignedRoute = async (x) => {
    const serialNumber = x.form.get("serial") ?? "";
    const deactivated = await call(x, "iam", "DeactivateMFADevice", {
      UserName: x.session.credential.principal.caller.userName,
      SerialNumber: serialNumber,
    });
    if (!deactivated.ok) {
      flash(x, { kind: "error", text: errorText(deactivated) });
      return redirect(x, "/console/home");
    }
    // Deactivating a security key removes it; a virtual device is deleted as well.
    if (serialNumber.includes(":u2f/")) {
      flash(x, { kind: "info", text: `MFA device ${serialNumber} removed.` });
      return redirect(x, "/console/home");
    }
    await act(
      x,
      call(x, "iam", "DeleteVirtualMFADevice", { SerialNumber: serialNumber }),
      `MFA device ${serialNumber} removed.`,
    );
  };

  const createAccessKey: SignedRoute = async (x) => {
    const r = await call(x, "iam", "CreateAccessKey");
    if (!r.ok) {
      flash(x, { kind: "error", text: errorText(r) });
      return redirect(x, "/console/home");
    }
    const key = r.result.AccessKey as Record<string, string>;
    x.session.newAccessKey = {
      accessKeyId: key.AccessKeyId ?? "",
      secretAccessKey: key.SecretAccessKey ?? "",
      userName: key.UserName ?? "",
      shown: false,
    };
    redirect(x, "/console/access-keys/created");
  };

  const showCreatedKey: SignedRoute = (x) => {
    const key = x.session.newAccessKey;
    const visible = key && !key.shown ? key : undefined;
    if (key) key.shown = true;
    page(x, "Access key created", accessKeyCreatedPage(x.session.csrfToken, visible));
  };

  const downloadKeyCsv: SignedRoute = (x) => {
    const key = x.session.newAccessKey;
    if (!key) {
      flash(x, { kind: "error", text: "The secret access key is no longer available." });
      return redirect(x, "/console/home");
    }
    // AWS's file: a header row and the key, named after the user.
    const csv = `Access key ID,Secret access key\n${key.accessKeyId},${key.secretAccessKey}\n`;
    const fileName = `${(key.userName || "root").replace(/[^\w+=,.@-]/g, "_")}_accessKeys.csv`;
    send(x, 200, "text/csv; charset=utf-8", csv, {
      "content-disposition": `attachment; filename="${fileName}"`,
    });
  };

  const setKeyStatus: SignedRoute = async (x) => {
    const status = x.form.get("status") === "Active" ? "Active" : "Inactive";
    const id = x.form.get("accessKeyId") ?? "";
    await act(
      x,
      call(x, "iam", "UpdateAccessKey", { AccessKeyId: id, Status: status }),
      `Access key ${id} is now ${status}.`,
    );
  };

  const deleteAccessKey: SignedRoute = async (x) => {
    const id = x.form.get("accessKeyId") ?? "";
    await act(x, call(x, "iam", "DeleteAccessKey", { AccessKeyId: id }), `Access key ${id} deleted.`);
  };

  // --- routing ---------------------------------------------------------------------------------

  const open: Record<string, Route> = {
    "GET /console/signin": showSignIn,
    "POST /console/signin": submitSignIn,
    "GET /console/mfa": showMfa,
    "POST /console/mfa": submitMfa,
    "POST /console/mfa/security-key-options": securityKeySignInOptions,
    "POST /console/mfa/security-key": submitSecurityKey,
    "POST /console/signout": signOut,
  };
  const signed: Record<string, SignedRoute> = {
    "GET /console/home": showHome,
    "GET /console/password": showPassword,
    "POST /console/password": submitPassword,
    "POST /console/mfa-devices/new": createMfaDevice,
    "GET /console/mfa-devices/setup": showMfaSetup,
    "GET /console/mfa-devices/qr.png": mfaQrCode,
    "POST /console/mfa-devices/enable": enableMfaDevice,
    "POST /console/mfa-devices/cancel": cancelMfaSetup,
    "POST /console/mfa-devices/remove": removeMfaDevice,
    "POST /console/security-keys/options": securityKeyRegistrationOptions,
    "POST /console/security-keys/register": registerSecurityKey,
    "POST /console/access-keys/new": createAccessKey,
    "GET /console/access-keys/created": showCreatedKey,
    "POST /console/access-keys/csv": downloadKeyCsv,
    "POST /console/access-keys/status": setKeyStatus,
    "POST /console/access-keys/delete": deleteAccessKey,
    ...auditRoutes<Signed>({
      query: (x) => new URLSearchParams((x.req.url ?? "").split("?")[1] ?? ""),
      lookupEvents: (x, input) => api.callInternal(x.session.credential, "LookupEvents", input, x.from),
      page: (x, title, body) => page(x, title, body),
      errorText,
    }),
    ...findingsRoutes<Signed>({
      call: (x, action, params) => call(x, "iam", action, params),
      page: (x, title, body) => page(x, title, body),
      errorText,
    }),
    ...adminRoutes({ call, page, redirect, flash, errorText }),
  };
  /** What a session that must set a new password may still do. */
  const duringPasswordChange = new Set(["GET /console/password", "POST /console/password"]);

  const route = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const secure = (req.socket as TLSSocket).encrypted === true;
    const x: Exchange = {
      req,
      res,
      path,
      form: new URLSearchParams(req.method === "POST" ? body.toString("utf8") : ""),
      secure,
      from: {
        sourceIp: req.socket.remoteAddress ?? "",
        userAgent: String(req.headers["user-agent"] ?? ""),
      },
      // Assets need no session: no store read for them.
      session: path.startsWith("/console/assets/")
        ? undefined
        : await sessions.get(readCookie(req, CONSOLE_COOKIE)),
    };
    await dispatch(x, req);
    if (x.session) await sessions.save(x.session);
    const reply = x.reply ?? { status: 500, headers: SECURITY_HEADERS, body: "" };
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  };

  const dispatch = async (x: Exchange, req: IncomingMessage) => {
    const path = x.path;
    const key = `${req.method} ${path}`;
    if (path === "/console" || path === "/console/") {
      return redirect(x, x.session?.credential ? "/console/home" : "/console/signin");
    }
    if (key === "GET /console/assets/console.css") {
      return send(x, 200, "text/css; charset=utf-8", CONSOLE_STYLESHEET, { "cache-control": "no-cache" });
    }
    if (key === "GET /console/assets/security-key.js") {
      return send(x, 200, "text/javascript; charset=utf-8", SECURITY_KEY_SCRIPT, {
        "cache-control": "no-cache",
      });
    }
    if (key === "GET /console/assets/policy-editor.js") {
      return send(x, 200, "text/javascript; charset=utf-8", POLICY_EDITOR_SCRIPT, {
        "cache-control": "no-cache",
      });
    }
    if (key === "GET /console/assets/simplewebauthn-browser.js") {
      webauthnBrowser ??= readFileSync(simpleWebAuthnBrowserBundle());
      return send(x, 200, "text/javascript; charset=utf-8", webauthnBrowser, { "cache-control": "no-cache" });
    }
    const openRoute = open[key];
    const signedRoute = signed[key];
    if (!openRoute && !signedRoute) return page(x, "Not found", renderNotFound(), 404);
    if (req.method === "POST" && !sameOrigin(req, x)) {
      return send(
        x,
        403,
        "text/plain; charset=utf-8",
        "The form has expired. Reload the page and try again.",
      );
    }
    if (openRoute) return openRoute(x);
    if (!x.session?.credential) return redirect(x, "/console/signin");
    if (x.session.credential.passwordChange && !duringPasswordChange.has(key)) {
      return redirect(x, "/console/password");
    }
    return (signedRoute as SignedRoute)(x as Signed);
  };

  return async (req, res, body) => {
    try {
      await route(req, res, body);
    } catch (err) {
      // Never a stack trace on the page; the cause goes to the server's log.
      deps.log?.(err);
      if (!res.headersSent) {
        res.writeHead(500, { ...SECURITY_HEADERS, "content-type": "text/plain; charset=utf-8" });
      }
      res.end("The console could not complete the request.");
    }
  };
}

/** A POST is accepted only with the session's CSRF token and, if the browser names one, our origin. */
function sameOrigin(req: IncomingMessage, x: Exchange): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `${x.secure ? "https" : "http"}://${req.headers.host ?? ""}`)
    return false;
  return x.session !== undefined && csrfTokenMatches(x.session, x.form.get("csrf"));
}

function renderNotFound(): SafeHtml {
  return html`<section><p>There is no such page. <a href="/console/">Go to the console</a>.</p></section>`;
}

function passwordRules(policy: unknown): string[] {
  if (typeof policy !== "object" || policy === null) return [];
  const p = policy as Record<string, string>;
  const rules: string[] = [];
  if (p.MinimumPasswordLength) rules.push(`at least ${p.MinimumPasswordLength} characters`);
  if (p.RequireUppercaseCharacters === "true") rules.push("an uppercase letter (A–Z)");
  if (p.RequireLowercaseCharacters === "true") rules.push("a lowercase letter (a–z)");
  if (p.RequireNumbers === "true") rules.push("a number (0–9)");
  if (p.RequireSymbols === "true") rules.push("a symbol (! @ # $ % ^ & * ( ) _ + - = [ ] { } | ')");
  if (p.PasswordReusePrevention) rules.push(`none of your last ${p.PasswordReusePrevention} passwords`);
  return rules;
}

/** The page's origin and host name: the WebAuthn relying party. */
function relyingParty(x: Exchange): RelyingParty {
  const host = x.req.headers.host ?? "localhost";
  const rpId = host.startsWith("[") ? host.slice(1, host.indexOf("]")) : host.replace(/:\d+$/, "");
  return { origin: `${x.secure ? "https" : "http"}://${host}`, rpId };
}

function parseJson(text: string | null): unknown {
  try {
    return JSON.parse(text ?? "");
  } catch {
    return null;
  }
}

/** @simplewebauthn/browser's browser bundle, from the installed package (no CDN). */
function simpleWebAuthnBrowserBundle(): string {
  const entry = createRequire(import.meta.url).resolve("@simplewebauthn/browser");
  return join(dirname(entry), "..", "dist", "bundle", "index.umd.min.js");
}
