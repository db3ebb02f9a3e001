/** Helpers for tests of the HTML report's pages. */

/** The page without the rows that state the run itself (when, the command line, the folder, the tool and runtime). */
export const withoutRunFacts = (page: string): string =>
  page.replace(/<details><summary>The whole manifest \(JSON\)<\/summary><pre>[\s\S]*?<\/pre><\/details>/, '')
    .split('\n').filter((line) => !/<th>(written at|started at|started, finished|options|command line|working folder|tool|runtime)/.test(line)).join('\n');
