// Scores of two npm prompt-injection checkers on texts read as JSON lines
// {"text": ...} from stdin; writes {"vard": s, "guardrail": s} lines.
// vard: the highest severity of the threats it reports (0 when it passes the text);
// llm_guardrail: the confidence of its prompt-injection model.
// Usage: node peers.mjs NODE_MODULES_DIR < rows.jsonl
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

const dir = process.argv[2];
const vard = (await import(pathToFileURL(`${dir}/@andersmyrmel/vard/dist/index.js`))).default;
const guard = await import(pathToFileURL(`${dir}/llm_guardrail/index.js`));

const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  const { text } = JSON.parse(line);
  let v = 0;
  try {
    const r = vard.moderate().maxLength(1e9).safeParse(text);
    v = r.safe ? 0 : Math.max(0, ...(r.threats || []).map((t) => t.severity || 0));
  } catch (e) {
    v = 1;
  }
  let g = 0;
  try {
    const r = await guard.checkInjection(text);
    g = typeof r.confidence === "number" ? r.confidence : 0;
  } catch (e) {
    g = 0;
  }
  process.stdout.write(JSON.stringify({ vard: v, guardrail: g }) + "\n");
}
