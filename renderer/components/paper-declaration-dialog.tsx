/**
 * The paper declaration form: the guard types name, phone and ID number, then either confirms "no sign at all" (every
 * answer on the paper is "Không" — one tap) or opens the six questions and answers each from the paper form (yes /
 * no, none pre-filled). Five actions for a person with no symptoms: three fields, "Không có dấu hiệu nào", submit.
 * Validated here with the host's own rules (core) so the guard sees what to fix; on submit the host decides and the
 * result appears on the screen like a scan. Fits an 800×480 panel without scrolling.
 */
import { useState } from 'preact/hooks';
import {
  PAPER_PROBLEM_TEXT,
  PAPER_QUESTION_TEXT,
  PAPER_QUESTIONS,
  validatePaperForm,
  type Language,
  type PaperAnswers,
  type PaperDeclarationForm,
  type PaperField,
  type PaperQuestion,
} from '../../core/index.js';
import { GUARD_ACTION_TEXT } from '../i18n/guard-action-text.js';
import { Icon } from './icons.js';

const FIELDS: readonly { field: PaperField; inputMode: 'text' | 'tel' | 'numeric' }[] = [
  { field: 'fullName', inputMode: 'text' },
  { field: 'phone', inputMode: 'tel' },
  { field: 'idNumber', inputMode: 'numeric' },
];

const ALL_NO = Object.fromEntries(PAPER_QUESTIONS.map((q) => [q, false])) as PaperAnswers;

/** `none`: the guard confirmed that the paper says "Không" everywhere; `some`: the questions are answered one by one. */
type Mode = 'none' | 'some' | undefined;

export function PaperDeclarationDialog(props: { language: Language; onSubmit: (form: PaperDeclarationForm) => Promise<string | undefined>; onClose: () => void }) {
  const t = GUARD_ACTION_TEXT[props.language];
  const [values, setValues] = useState<Record<PaperField, string>>({ fullName: '', phone: '', idNumber: '' });
  const [mode, setMode] = useState<Mode>(undefined);
  const [answers, setAnswers] = useState<Partial<Record<PaperQuestion, boolean>>>({});
  const [showProblems, setShowProblems] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const problems = validatePaperForm(values);
  const unanswered = mode === undefined ? [...PAPER_QUESTIONS] : mode === 'none' ? [] : PAPER_QUESTIONS.filter((q) => answers[q] === undefined);

  const submit = (event: Event) => {
    event.preventDefault();
    setShowProblems(true);
    if (Object.keys(problems).length > 0 || unanswered.length > 0) return;
    void props.onSubmit({ ...values, answers: mode === 'none' ? ALL_NO : (answers as PaperAnswers) }).then(setError);
  };

  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="paper-title" data-testid="paper-dialog">
      <form class="dialog__panel paper" onSubmit={submit} noValidate>
        <h2 id="paper-title">{t.paperTitle}</h2>
        <p class="dialog__hint">{t.paperIntro}</p>
        <div class="paper__fields">
          {FIELDS.map(({ field, inputMode }) => {
            const problem = showProblems ? problems[field] : undefined;
            return (
              <div class="paper__field" key={field}>
                <label for={`paper-${field}`}>{t[field]}</label>
                <input
                  id={`paper-${field}`}
                  data-testid={`paper-${field}`}
                  inputMode={inputMode}
                  autocomplete="off"
                  value={values[field]}
                  aria-invalid={problem ? 'true' : 'false'}
                  aria-describedby={problem ? `paper-${field}-problem` : undefined}
                  onInput={(e) => setValues({ ...values, [field]: (e.target as HTMLInputElement).value })}
                />
                {problem && (
                  <span id={`paper-${field}-problem`} class="paper__problem" data-testid={`paper-${field}-problem`} data-problem={problem}>
                    {PAPER_PROBLEM_TEXT[problem][props.language]}
                  </span>
                )}
              </div>
            );
          })}
        </div>
        <div class="paper__modes" role="group" aria-label={t.questions}>
          <button type="button" class={`paper__mode${mode === 'none' ? ' paper__mode--chosen' : ''}`} aria-pressed={mode === 'none'} data-testid="paper-none" onClick={() => setMode('none')}>
            <Icon name="check" /> {t.noSigns}
          </button>
          <button type="button" class={`paper__mode${mode === 'some' ? ' paper__mode--chosen' : ''}`} aria-pressed={mode === 'some'} data-testid="paper-some" onClick={() => setMode('some')}>
            <Icon name="alert" /> {t.someSigns}
          </button>
        </div>
        {mode === 'some' && (
          <div class="paper__questions" data-testid="paper-questions">
            {PAPER_QUESTIONS.map((q) => (
              <fieldset class="paper__question" key={q} data-testid={`paper-q-${q}`}>
                <legend>{PAPER_QUESTION_TEXT[q][props.language]}</legend>
                {([true, false] as const).map((yes) => (
                  <label key={String(yes)} class="paper__answer">
                    <input type="radio" name={`paper-${q}`} data-testid={`paper-q-${q}-${yes ? 'yes' : 'no'}`} checked={answers[q] === yes} onChange={() => setAnswers({ ...answers, [q]: yes })} />
                    {yes ? t.yes : t.no}
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
        )}
        {showProblems && unanswered.length > 0 && (
          <p class="dialog__error" role="alert" data-testid="paper-unanswered">
            {mode === undefined ? t.chooseSigns : t.unanswered}
          </p>
        )}
        {error && (
          <p class="dialog__error" role="alert" data-testid="paper-error">
            {error}
          </p>
        )}
        <div class="dialog__buttons">
          <p class="dialog__hint paper__privacy">{t.answersNotStored}</p>
          <button type="button" class="button button--secondary" data-testid="paper-cancel" onClick={props.onClose}>
            {t.cancel}
          </button>
          <button type="submit" class="button" data-testid="paper-submit">
            {t.submit}
          </button>
        </div>
      </form>
    </div>
  );
}
