// Scores each JSON line {"text": ...} of standard input with the peer detectors and prints
// one line per input: vard's highest threat severity (0 when it finds none) and
// llm_guardrail's injection probability, tab-separated.
import { createInterface } from 'node:readline';
import { vard } from '@andersmyrmel/vard';
import { checkInjection } from 'llm_guardrail';

const detector = vard.moderate().threshold(0).maxLength(10_000_000);
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line) continue;
  const { text } = JSON.parse(line);
  const v = detector.safeParse(text);
  const severity = v.safe ? 0 : Math.max(...v.threats.map((t) => t.severity));
  const g = await checkInjection(text);
  process.stdout.write(`${severity}\t${g.probabilities.threat}\n`);
}
