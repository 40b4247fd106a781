/**
 * The "declare here" QR of the guard screen: the bundle's declaration page URL as an SVG data URL, made on the host
 * with `qrcode` (the renderer loads nothing remote and carries no QR encoder). Made once per URL, asynchronously;
 * `onReady` lets the caller push a fresh status when it is there.
 */
import QRCode from 'qrcode';
import type { DeclareHereView } from '../../core/index.js';

export class DeclareHereQr {
  private made: DeclareHereView | undefined;
  private pendingUrl: string | undefined;

  constructor(private readonly onReady: () => void) {}

  /** The view for `url`, or null while it is being made (or when there is no URL). */
  viewFor(url: string | undefined): DeclareHereView | null {
    if (!url) return null;
    if (this.made?.url === url) return this.made;
    if (this.pendingUrl !== url) {
      this.pendingUrl = url;
      void QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then((svg) => {
        if (this.pendingUrl !== url) return;
        this.made = { url, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
        this.onReady();
      });
    }
    return null;
  }
}
