// The one set of requester mails, whatever channel filed the request: the stages, the built-in
// texts of each in the ten languages of our markets (privacy-notice-texts.ts), the names of
// kinds and refusal reasons in the requester's language, and the renderer of `{{placeholder}}`
// templates (built-in or the tenant's own). Mails are plain text: values go in as they are.

import { negotiateLanguage } from './i18n/language';
import {
  KIND_NAMES,
  NOTICE_LANGUAGES,
  type NoticeLanguage,
  type NoticeStage,
  REASON_NAMES,
  TEXTS,
} from './privacy-notice-texts';
import { REJECT_REASONS, type RejectReason, type RequestKind } from './request-lifecycle';

export {
  NOTICE_LANGUAGES,
  NOTICE_STAGES,
  type NoticeLanguage,
  type NoticeStage,
} from './privacy-notice-texts';

/** Stages the tenant can switch off; `verify` and `export_ready` carry links the requester needs. */
export const OPTIONAL_STAGES = ['received', 'verified', 'extended', 'completed', 'rejected'] as const;

export const PLACEHOLDERS = ['tenant', 'kind', 'requestId', 'dueDate', 'link', 'reason', 'note'] as const;
export type NoticeVars = Partial<Record<(typeof PLACEHOLDERS)[number], string>>;

type NoticeText = { subject: string; body: string };

/** The built-in language closest to `language` (`de-AT` → `de`, `pt-BR` → `pt`), English otherwise. */
export function noticeLanguage(language: string | null | undefined): NoticeLanguage {
  return negotiateLanguage(NOTICE_LANGUAGES, { known: [language] });
}

export function builtInNotice(stage: NoticeStage, language: NoticeLanguage): NoticeText {
  const [subject, body] = TEXTS[language][stage];
  return { subject, body };
}

export function kindName(kind: RequestKind, language: NoticeLanguage): string {
  return KIND_NAMES[language][kind];
}

/** A refusal reason with its article, as the requester's language cites the GDPR. */
export function rejectReasonName(reason: RejectReason, language: NoticeLanguage): string {
  return language === 'en' ? REJECT_REASONS[reason] : REASON_NAMES[language][reason];
}

/** Replaces `{{name}}` with its value; unknown names and missing values become empty. */
export function renderNotice(text: NoticeText, vars: NoticeVars): NoticeText {
  const fill = (s: string) =>
    s.replace(
      /\{\{\s*(\w+)\s*\}\}/g,
      (_, name: string) => (vars as Record<string, string | undefined>)[name] ?? '',
    );
  return {
    subject: fill(text.subject)
      .replace(/[\r\n]+/g, ' ')
      .trim(),
    body: fill(text.body).replace(/\n{3,}/g, '\n\n'),
  };
}
