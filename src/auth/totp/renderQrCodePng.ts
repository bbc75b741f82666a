// Renders the QR code PNG that CreateVirtualMFADevice returns as QRCodePNG.
// Pure (in memory, no fs). Must not import anything but qrcode, node:crypto and src/domain.

import QRCode from "qrcode";

/** A PNG of the QR code for `uri`, error-correction level M (the library's default), 4-module margin. */
export async function renderQrCodePng(uri: string): Promise<Buffer> {
  return QRCode.toBuffer(uri, { type: "png", errorCorrectionLevel: "M", margin: 4, scale: 4 });
}
