/**
 * Attributes for a one-line box where the reader types code-like text (hex, a number literal): monospace,
 * and no spelling marks, capitalisation or autofill, which would mangle `0x1f` or `de ad`.
 */
export const CODE_INPUT_PROPS = {
  type: 'text',
  className: 'wn-mono',
  spellCheck: false,
  autoCapitalize: 'off',
  autoComplete: 'off',
} as const;
