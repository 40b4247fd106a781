/**
 * The steps of a hardware self-test as a table (name, result in words, detail), the same on the first-boot setup
 * screen and the settings screen. The result is a word as well as a row colour, never the colour alone.
 */
import type { Language, SelfTestReport } from '../../core/index.js';
import { HARDWARE_TEXT } from '../i18n/hardware-text.js';

export function SelfTestTable(props: { report: SelfTestReport; language: Language; testId: string }) {
  const t = HARDWARE_TEXT[props.language];
  return (
    <table class="selftest" data-testid={props.testId}>
      <tbody>
        {props.report.steps.map((step) => (
          <tr key={step.name} class={`selftest__row selftest__row--${step.result}`} data-result={step.result}>
            <td>{step.text[props.language].name}</td>
            <td class="selftest__result">{t.stepResult[step.result]}</td>
            <td>{step.text[props.language].detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
