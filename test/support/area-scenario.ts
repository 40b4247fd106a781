/**
 * Two organisations of one province (Hà Nội: a hospital in Ba Đình, a supermarket in Cầu Giấy) and one of another
 * (a market in Hồ Chí Minh City), for the health-authority tests (integration and Playwright). Times are Vietnam time
 * on DAY; person P tested positive.
 *
 *   cp-bv-ba-dinh   08:00 in P → 09:00 out     08:30 in Bác sĩ An → 10:00 out
 *   cp-st-cau-giay  14:00 in P → 15:00 out     14:20 in Khách Bình (no exit)      16:00 in Chị Dung (outside ±15 min)
 *   cp-cho-bt       18:00 in P                 18:05 in Người Chợ (another province)
 *
 * The Hà Nội authority traces P: 2 visits, contacts Bác sĩ An and Khách Bình; nothing of the market.
 */
import { at as atOn, DAY } from './hub-admin-scenario.js';
import { personHmac, registerTerminal, upload } from './hub-admin-data.js';
import type { TestHub } from './hub-fixture.js';

export { DAY };
export const ID_P = '001190054321';
export const AREA_NOW = atOn('20:00');
export const AREA_REASON = 'Ca F0 ngày 20/11, yêu cầu của CDC Hà Nội số 123';

const checkpoint = (id: string, name: string) => ({ id, name, policy: { antiPassbackWindowMs: 0 } });

/** The hub config's organisations and buildings (TestHubOptions.extra). */
export const AREA_CONFIG = {
  organisations: [
    { id: 'benh-vien-ba-dinh', name: 'Bệnh viện Ba Đình', area: 'ha-noi/ba-dinh' },
    { id: 'sieu-thi-cau-giay', name: 'Siêu thị Cầu Giấy', area: 'ha-noi/cau-giay' },
    { id: 'cho-ben-thanh', name: 'Chợ Bến Thành', area: 'ho-chi-minh/quan-1' },
  ],
  buildings: [
    { id: 'bv-ba-dinh', name: 'Tòa nhà bệnh viện', organisation: 'benh-vien-ba-dinh', checkpoints: [checkpoint('cp-bv-ba-dinh', 'Cổng bệnh viện')] },
    { id: 'st-cau-giay', name: 'Tòa nhà siêu thị', organisation: 'sieu-thi-cau-giay', checkpoints: [checkpoint('cp-st-cau-giay', 'Cổng siêu thị')] },
    { id: 'cho-bt', name: 'Nhà lồng chợ', organisation: 'cho-ben-thanh', checkpoints: [checkpoint('cp-cho-bt', 'Cổng chợ')] },
  ],
};

/** Seeds the scenario on `day` (YYYY-MM-DD, Vietnam time; DAY by default). Only `hub.store` is used. */
export async function seedAreaScenario(hub: Pick<TestHub, 'store'>, day = DAY): Promise<void> {
  const hubLike = hub as TestHub;
  const person = (id: string, building: string) => personHmac(hubLike, id, building);
  const at = (hhmm: string) => atOn(hhmm, day);
  const hospital = await registerTerminal(hubLike, 'cp-bv-ba-dinh', 'bv-1', AREA_NOW);
  await upload(hubLike, hospital, [
    { at: at('08:00'), subjectHmac: await person(ID_P, 'bv-ba-dinh'), name: 'Người P' },
    { at: at('08:30'), subjectHmac: await person('001080011111', 'bv-ba-dinh'), name: 'Bác sĩ An' },
    { at: at('09:00'), subjectHmac: await person(ID_P, 'bv-ba-dinh'), name: 'Người P', direction: 'out' },
    { at: at('10:00'), subjectHmac: await person('001080011111', 'bv-ba-dinh'), name: 'Bác sĩ An', direction: 'out' },
  ], AREA_NOW);
  const supermarket = await registerTerminal(hubLike, 'cp-st-cau-giay', 'st-1', AREA_NOW);
  await upload(hubLike, supermarket, [
    { at: at('14:00'), subjectHmac: await person(ID_P, 'st-cau-giay'), name: 'Người P' },
    { at: at('14:20'), subjectHmac: await person('001080022222', 'st-cau-giay'), name: 'Khách Bình' },
    { at: at('15:00'), subjectHmac: await person(ID_P, 'st-cau-giay'), name: 'Người P', direction: 'out' },
    { at: at('16:00'), subjectHmac: await person('001080033333', 'st-cau-giay'), name: 'Chị Dung' },
  ], AREA_NOW);
  const market = await registerTerminal(hubLike, 'cp-cho-bt', 'cho-1', AREA_NOW);
  await upload(hubLike, market, [
    { at: at('18:00'), subjectHmac: await person(ID_P, 'cho-bt'), name: 'Người P' },
    { at: at('18:05'), subjectHmac: await person('079080044444', 'cho-bt'), name: 'Người Chợ' },
  ], AREA_NOW);
}
