// The policy JSON editor: a textarea with line numbers beside it and, when the engine refused the
// document, AWS's message with the line and column the engine's error points at. The user's text is
// always put back as it was sent (after a newline the HTML parser drops, so a leading one of the
// text's own survives). The numbers are rendered here (so the page works without script)
// and kept in step by /console/assets/policy-editor.js, which also puts the caret on the error.

import { html, type SafeHtml } from "../../html.ts";

export interface EditorError {
  message: string;
  position?: { line: number; column: number } | undefined;
}

export interface EditorField {
  /** The textarea's id and name. */
  id: string;
  name: string;
  label: string;
  text: string;
  error?: EditorError | undefined;
}

export function policyEditor(field: EditorField): SafeHtml {
  const lines = Math.max(field.text.split("\n").length, 12);
  const errorLine = field.error?.position?.line;
  const gutter = Array.from({ length: lines }, (_, i) =>
    i + 1 === errorLine ? html`<span class="error-line">${i + 1}</span>` : html`<span>${i + 1}</span>`,
  );
  const errorId = `${field.id}-error`;
  const where = field.error?.position;
  return html`<label for="${field.id}">${field.label}</label>
${
  field.error
    ? html`<div class="alert error" role="alert" id="${errorId}">${field.error.message}${
        where ? html` <span class="position">(line ${where.line}, column ${where.column})</span>` : ""
      }</div>`
    : ""
}
<div class="editor"><pre class="gutter" aria-hidden="true">${gutter}</pre><textarea id="${field.id}" name="${field.name}" rows="${lines}" wrap="off" spellcheck="false" autocomplete="off" required data-policy-editor${
    where ? html` data-error-line="${where.line}" data-error-column="${where.column}"` : ""
  }${field.error ? html` aria-invalid="true" aria-describedby="${errorId}"` : ""}>
${field.text}</textarea></div>`;
}
