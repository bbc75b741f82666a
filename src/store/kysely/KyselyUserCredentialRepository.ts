// A user's SSH public keys and signing certificates over Kysely: one implementation, given the
// table, its id column and the row mapping; the per-user limit is counted in the same transaction.

import type { Kysely } from "kysely";
import type { SigningCertificate } from "../../domain/SigningCertificate.ts";
import type { CredentialStatus, SshPublicKey } from "../../domain/SshPublicKey.ts";
import type { UserCredentialRepository } from "../ports.ts";
import type { Database } from "../schema.ts";
import { countRows } from "./countRows.ts";
import { type LooseDatabase, loosely } from "./looseDatabase.ts";

type Row = LooseDatabase[string];

interface CredentialTable<T> {
  readonly table: "ssh_public_keys" | "signing_certificates";
  readonly idColumn: string;
  toRow(item: T): Row;
  fromRow(row: Row): T;
}

export class KyselyUserCredentialRepository<T> implements UserCredentialRepository<T> {
  constructor(
    private readonly typedDb: Kysely<Database>,
    private readonly spec: CredentialTable<T>,
  ) {}

  private get db() {
    return loosely(this.typedDb);
  }

  async get(userId: string, id: string): Promise<T | undefined> {
    const row = await this.db
      .selectFrom(this.spec.table)
      .selectAll()
      .where("user_id", "=", userId)
      .where(this.spec.idColumn, "=", id)
      .executeTakeFirst();
    return row && this.spec.fromRow(row);
  }

  private async listWhere(column: "user_id" | "account_id", value: string): Promise<T[]> {
    const rows = await this.db
      .selectFrom(this.spec.table)
      .selectAll()
      .where(column, "=", value)
      .orderBy("upload_date")
      .orderBy(this.spec.idColumn)
      .execute();
    return rows.map((r) => this.spec.fromRow(r));
  }

  listForUser(userId: string): Promise<T[]> {
    return this.listWhere("user_id", userId);
  }

  listForAccount(accountId: string): Promise<T[]> {
    return this.listWhere("account_id", accountId);
  }

  async create(item: T, maxPerUser: number): Promise<boolean> {
    const row = this.spec.toRow(item);
    const held = await countRows(this.typedDb, this.spec.table, "user_id", String(row.user_id));
    if (held >= maxPerUser) return false;
    await this.db.insertInto(this.spec.table).values(row).execute();
    return true;
  }

  async setStatus(id: string, status: CredentialStatus): Promise<void> {
    await this.db.updateTable(this.spec.table).set({ status }).where(this.spec.idColumn, "=", id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom(this.spec.table).where(this.spec.idColumn, "=", id).execute();
  }
}

export function kyselySshPublicKeyRepository(
  db: Kysely<Database>,
): KyselyUserCredentialRepository<SshPublicKey> {
  return new KyselyUserCredentialRepository<SshPublicKey>(db, {
    table: "ssh_public_keys",
    idColumn: "ssh_public_key_id",
    toRow: (k) => ({
      ssh_public_key_id: k.sshPublicKeyId,
      user_id: k.userId,
      account_id: k.accountId,
      ssh_body: k.sshBody,
      pem_body: k.pemBody,
      fingerprint: k.fingerprint,
      status: k.status,
      upload_date: k.uploadDate.toISOString(),
    }),
    fromRow: (r) => ({
      sshPublicKeyId: String(r.ssh_public_key_id),
      userId: String(r.user_id),
      accountId: String(r.account_id),
      sshBody: String(r.ssh_body),
      pemBody: String(r.pem_body),
      fingerprint: String(r.fingerprint),
      status: r.status as CredentialStatus,
      uploadDate: new Date(String(r.upload_date)),
    }),
  });
}

export function kyselySigningCertificateRepository(
  db: Kysely<Database>,
): KyselyUserCredentialRepository<SigningCertificate> {
  return new KyselyUserCredentialRepository<SigningCertificate>(db, {
    table: "signing_certificates",
    idColumn: "certificate_id",
    toRow: (c) => ({
      certificate_id: c.certificateId,
      user_id: c.userId,
      account_id: c.accountId,
      certificate_body: c.certificateBody,
      status: c.status,
      upload_date: c.uploadDate.toISOString(),
    }),
    fromRow: (r) => ({
      certificateId: String(r.certificate_id),
      userId: String(r.user_id),
      accountId: String(r.account_id),
      certificateBody: String(r.certificate_body),
      status: r.status as CredentialStatus,
      uploadDate: new Date(String(r.upload_date)),
    }),
  });
}
