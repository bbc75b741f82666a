// Virtual MFA devices over Kysely. Seeds arrive and leave sealed. Assignment and the last accepted
// TOTP step change through conditional updates, so two racing requests can never both assign one
// device or both spend one code.

import type { Kysely, Selectable } from "kysely";
import type { MfaDevice, MfaOwner, SecurityKey } from "../../domain/MfaDevice.ts";
import type { MfaDeviceRepository } from "../ports.ts";
import type { Database, MfaDevicesTable } from "../schema.ts";

function toDevice(row: Selectable<MfaDevicesTable>): MfaDevice {
  const owner: MfaOwner | undefined = row.user_id
    ? { kind: "user", userId: row.user_id }
    : Number(row.assigned_to_root) === 1
      ? { kind: "root" }
      : undefined;
  return {
    serialNumber: row.serial_number,
    accountId: row.account_id,
    deviceName: row.device_name,
    path: row.path,
    seedSealed: row.seed_sealed,
    createDate: new Date(row.create_date),
    ...(owner ? { owner } : {}),
    ...(row.enable_date ? { enableDate: new Date(row.enable_date) } : {}),
    ...(row.last_used_step !== null ? { lastUsedStep: Number(row.last_used_step) } : {}),
    driftSteps: Number(row.drift_steps),
    ...(row.security_key ? { securityKey: JSON.parse(row.security_key) as SecurityKey } : {}),
  };
}

export class KyselyMfaDeviceRepository implements MfaDeviceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(accountId: string, serialNumber: string): Promise<MfaDevice | undefined> {
    const row = await this.db
      .selectFrom("mfa_devices")
      .selectAll()
      .where("serial_number_lower", "=", serialNumber.toLowerCase())
      .where("account_id", "=", accountId)
      .executeTakeFirst();
    return row && toDevice(row);
  }

  async create(device: MfaDevice): Promise<void> {
    await this.db
      .insertInto("mfa_devices")
      .values({
        serial_number: device.serialNumber,
        serial_number_lower: device.serialNumber.toLowerCase(),
        account_id: device.accountId,
        device_name: device.deviceName,
        path: device.path,
        seed_sealed: device.seedSealed,
        create_date: device.createDate.toISOString(),
        user_id: null,
        assigned_to_root: 0,
        enable_date: null,
        last_used_step: null,
        drift_steps: 0,
        security_key: device.securityKey ? JSON.stringify(device.securityKey) : null,
      })
      .execute();
  }

  async delete(serialNumber: string): Promise<void> {
    await this.db.deleteFrom("tags").where("resource_id", "=", serialNumber).execute();
    await this.db.deleteFrom("mfa_devices").where("serial_number", "=", serialNumber).execute();
  }

  async recordSecurityKeyUse(serialNumber: string, key: SecurityKey, counter: number): Promise<void> {
    await this.db
      .updateTable("mfa_devices")
      .set({ security_key: JSON.stringify({ ...key, counter }) })
      .where("serial_number", "=", serialNumber)
      .execute();
  }

  async listAssigned(accountId: string, owner: MfaOwner): Promise<MfaDevice[]> {
    let q = this.db.selectFrom("mfa_devices").selectAll().where("account_id", "=", accountId);
    q = owner.kind === "user" ? q.where("user_id", "=", owner.userId) : q.where("assigned_to_root", "=", 1);
    const rows = await q.orderBy("enable_date").orderBy("serial_number_lower").execute();
    return rows.map(toDevice);
  }

  async list(accountId: string, status: "Assigned" | "Unassigned" | "Any"): Promise<MfaDevice[]> {
    let q = this.db.selectFrom("mfa_devices").selectAll().where("account_id", "=", accountId);
    if (status === "Assigned") q = q.where("enable_date", "is not", null);
    if (status === "Unassigned") q = q.where("enable_date", "is", null);
    const rows = await q.orderBy("serial_number_lower").execute();
    return rows.map(toDevice);
  }

  async assign(
    serialNumber: string,
    owner: MfaOwner,
    change: { enableDate: Date; lastUsedStep: number; driftSteps: number },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable("mfa_devices")
      .set({
        user_id: owner.kind === "user" ? owner.userId : null,
        assigned_to_root: owner.kind === "root" ? 1 : 0,
        enable_date: change.enableDate.toISOString(),
        last_used_step: change.lastUsedStep,
        drift_steps: change.driftSteps,
      })
      .where("serial_number", "=", serialNumber)
      .where("enable_date", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async unassign(serialNumber: string): Promise<void> {
    // The last accepted step is kept: a code spent before deactivation stays spent if the device
    // is enabled again.
    await this.db
      .updateTable("mfa_devices")
      .set({ user_id: null, assigned_to_root: 0, enable_date: null })
      .where("serial_number", "=", serialNumber)
      .execute();
  }

  async consumeStep(serialNumber: string, step: number, driftSteps?: number): Promise<boolean> {
    const result = await this.db
      .updateTable("mfa_devices")
      .set({ last_used_step: step, ...(driftSteps !== undefined ? { drift_steps: driftSteps } : {}) })
      .where("serial_number", "=", serialNumber)
      .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
