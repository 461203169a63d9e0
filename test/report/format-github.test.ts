import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, formatGithub } from "../../src/report/format-github.js";
import { CLUSTER_SCOPED, NASTY, PLAIN, RENDERED, options, sampleReport } from "./sample-report.js";

describe("github format", () => {
  it("writes one workflow command per finding, on the values line for rendered resources", () => {
    const output = formatGithub(sampleReport([RENDERED, PLAIN, CLUSTER_SCOPED, NASTY]), options());
    expect(output).toBe(
      [
        "::error file=blueprints/platform/templates/rbac.yaml,line=6,col=3,title=kforge cluster-admin-binding::" +
          "Binds cluster-admin (rendered clusters/dev/rendered/rbac/clusterrolebinding.yaml:6:3)%0Afix: Bind a narrower ClusterRole.",
        "::warning file=clusters/dev/values/web.yaml,line=3,col=10,title=kforge image-tag::" +
          'Image "nginx" has no tag (rendered clusters/dev/rendered/web/deployment.yaml:11:18)%0Afix: Pin the image to a version tag or digest.',
        "::notice file=manifests/a%2Cb%3Ac.yaml,line=2,col=1,endLine=2,endColumn=5,title=kforge resources::" +
          "100%25 of a,b: c%0Asecond | line with `code`",
        "::error file=manifests/pod.yaml,line=9,col=15,endLine=9,endColumn=23,title=kforge hostpath-volume::" +
          "hostPath volume mounts /var/run from the node%0Afix: Use a PersistentVolumeClaim or emptyDir.",
        "",
      ].join("\n"),
    );
  });

  it("drops columns for a multi-line range, as GitHub requires", () => {
    const { source: _, ...rendered } = CLUSTER_SCOPED;
    expect(formatGithub(sampleReport([{ ...rendered, remediation: undefined }]), options())).toBe(
      "::error file=clusters/dev/rendered/rbac/clusterrolebinding.yaml,line=6,endLine=9,title=kforge cluster-admin-binding::Binds cluster-admin\n",
    );
  });

  it("escapes data and property values", () => {
    expect(escapeData("a%b\r\nc:d,e")).toBe("a%25b%0D%0Ac:d,e");
    expect(escapeProperty("a%b\r\nc:d,e")).toBe("a%25b%0D%0Ac%3Ad%2Ce");
  });

  it("prints nothing when there is nothing to annotate", () => {
    expect(formatGithub(sampleReport([]), options())).toBe("");
  });
});
