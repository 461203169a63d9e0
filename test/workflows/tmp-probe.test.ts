import { it } from "vitest";
import { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } from "@actions/workflow-parser";
it("probe", async () => {
const cases: Record<string,string> = {
  good: "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n",
  noRunsOn: "on: push\njobs:\n  b:\n    steps:\n      - run: echo hi\n",
  unknownKey: "on: push\njobs:\n  b:\n    runs-on: x\n    stepz: []\n",
  badPerm: "on: push\npermissions:\n  contents: writ\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: echo hi\n",
  badExpr: "on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: echo ${{ foo.bar }}\n",
  badUses: "on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - uses: actions/checkout\n",
  badNeeds: "on: push\njobs:\n  b:\n    runs-on: x\n    needs: zz\n    steps:\n      - run: echo hi\n",
};
for (const [k, content] of Object.entries(cases)) {
  const r = parseWorkflow({ name: k + ".yml", content }, new NoOperationTraceWriter());
  const errs1 = r.context.errors.getErrors().map(e => e.message);
  let errs2: string[] = [];
  if (r.value) { const t = await convertWorkflowTemplate(r.context, r.value); errs2 = (t.errors ?? []).map(e => e.Message); }
  console.log(k, errs1, errs2);
}
});
