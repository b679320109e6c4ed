import type { ValidationReport } from '../validate/types';
import type { TestReport } from './model';
import { renderTestsConsole, renderTestsJunit, renderTestsMarkdown } from './render-tests';
import { renderValidationConsole, renderValidationJunit, renderValidationMarkdown } from './render-validation';

/** Output formats of every command. */
export const OUTPUT_FORMATS = ['console', 'json', 'junit', 'markdown'] as const;
/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Whether a string names an output format. */
export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

/** Renders a test report (run, replay) in a format. */
export function formatTestReport(report: TestReport, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'junit':
      return renderTestsJunit(report);
    case 'markdown':
      return renderTestsMarkdown(report);
    case 'console':
      return renderTestsConsole(report);
  }
}

/** Renders a validation report in a format. */
export function formatValidationReport(report: ValidationReport, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'junit':
      return renderValidationJunit(report);
    case 'markdown':
      return renderValidationMarkdown(report);
    case 'console':
      return renderValidationConsole(report);
  }
}
