/**
 * One day at the test building, for the admin statistics, search, export and tracing tests (integration and
 * Playwright). Times are Vietnam time on DAY; the hub's clock stands at NOW (10:30 that day).
 *
 *   building door (CHECKPOINT)                         department (CHECKPOINT_B)
 *   07:50 in  Khách giấy (paper, no subject)           09:30 in  Nguyễn Thị Ánh (A)
 *   08:00 in  Nguyễn Thị Ánh (A)  → 09:00 out          09:40 in  Phạm Minh Phúc (F)
 *   08:30 in  Trần Văn Bình (B)   → 10:00 out          10:00 in  Hoàng Gia Giang (G)
 *   09:10 in  Lê Đức Cường (C), no exit
 *   09:20 in  Đặng Thu Dung (D), no exit
 *   09:45 deny TOKEN_EXPIRED ×2, 09:50 deny TOKEN_SIGNATURE_INVALID (Người bị từ chối)
 *   day before, 12:00 in  Vũ Hải (H)
 *
 * Tracing A over DAY with ±15 min: at the door A is inside 08:00–09:00, widened 07:45–09:15 → Khách giấy, B and C;
 * not D (09:20). At the department A's one passage is 09:30, window 09:15–09:45 → F; not G (10:00).
 */
import { CHECKPOINT, CHECKPOINT_B, type TestHub } from './hub-fixture.js';
import { personHmac, registerTerminal, upload } from './hub-admin-data.js';

export const DAY = '2026-11-20';
export const at = (hhmm: string, day = DAY) => Date.parse(`${day}T${hhmm}:00+07:00`);
export const NOW = at('10:30');
export const ID_A = '001099012345';

export async function seedAdminScenario(hub: TestHub): Promise<void> {
  const [a, b, c, d, f, g, h] = await Promise.all(['001099012345', '079200001111', '031188002222', '044190003333', '066177004444', '022166005555', '011155006666'].map((id) => personHmac(hub, id)));
  const door = await registerTerminal(hub, CHECKPOINT, 'cong-chinh', NOW);
  const dept = await registerTerminal(hub, CHECKPOINT_B, 'ke-toan', NOW);
  await upload(hub, door, [
    { at: at('12:00', '2026-11-19'), subjectHmac: h, name: 'Vũ Hải' },
    { at: at('07:50'), name: 'Khách giấy', kind: 'paper' },
    { at: at('08:00'), subjectHmac: a, name: 'Nguyễn Thị Ánh' },
    { at: at('08:30'), subjectHmac: b, name: 'Trần Văn Bình' },
    { at: at('09:00'), subjectHmac: a, name: 'Nguyễn Thị Ánh', direction: 'out' },
    { at: at('09:10'), subjectHmac: c, name: 'Lê Đức Cường' },
    { at: at('09:20'), subjectHmac: d, name: 'Đặng Thu Dung' },
    { at: at('09:45'), name: 'Người bị từ chối', outcome: 'deny', reasons: ['TOKEN_EXPIRED'] },
    { at: at('09:46'), name: 'Người bị từ chối', outcome: 'deny', reasons: ['TOKEN_EXPIRED'] },
    { at: at('09:50'), name: 'Người bị từ chối', outcome: 'deny', reasons: ['TOKEN_SIGNATURE_INVALID'] },
    { at: at('10:00'), subjectHmac: b, name: 'Trần Văn Bình', direction: 'out' },
  ], NOW);
  await upload(hub, dept, [
    { at: at('09:30'), subjectHmac: a, name: 'Nguyễn Thị Ánh' },
    { at: at('09:40'), subjectHmac: f, name: 'Phạm Minh Phúc' },
    { at: at('10:00'), subjectHmac: g, name: 'Hoàng Gia Giang' },
  ], NOW);
}
