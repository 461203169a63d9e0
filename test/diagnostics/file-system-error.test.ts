import { describe, expect, it } from "vitest";
import { describeFileSystemError, fileSystemReason, isFileSystemError, TreeWriteError } from "../../src/diagnostics/file-system-error.js";
import { errnoError } from "../helpers/inject-fs-error.js";

describe("describing file-system faults", () => {
  it("names the operation, the path relative to the working folder, the system's words and what to do", () => {
    expect(describeFileSystemError(errnoError("EMFILE", "scandir", "/repo/clusters/dev"), "check", "/repo")).toBe(
      "cannot list the folder clusters/dev: too many open files (EMFILE); raise the open-file limit (ulimit -n) and run kforge check again",
    );
  });

  it("says whether the tree was restored after a failed write", () => {
    const cause = errnoError("ENOSPC", "open", "/repo/clusters/dev/rendered/a.yaml.kforge-1.tmp");
    expect(describeFileSystemError(new TreeWriteError(cause, "/repo/clusters/dev/rendered/a.yaml", true), "render", "/repo")).toBe(
      "cannot write clusters/dev/rendered/a.yaml: no space left on device (ENOSPC); free space and run kforge render again; nothing was changed",
    );
    expect(describeFileSystemError(new TreeWriteError(cause, "/repo/clusters/dev/rendered/a.yaml", false), "render", "/repo")).toMatch(/the tree may be half-written: run it again once the cause is fixed$/);
  });

  it("keeps paths outside the working folder absolute", () => {
    expect(describeFileSystemError(errnoError("EROFS", "mkdir", "/elsewhere/x"), "render", "/repo")).toMatch(/^cannot create the folder \/elsewhere\/x: read-only file system \(EROFS\)/);
  });

  it("recognises only system errors it can explain; other errors stay bugs", () => {
    expect(isFileSystemError(errnoError("EACCES", "open", "/x"))).toBe(true);
    expect(isFileSystemError(new TypeError("x is undefined"))).toBe(false);
    expect(isFileSystemError(Object.assign(new Error("odd"), { code: "ERR_SOMETHING" }))).toBe(false);
    expect(fileSystemReason(errnoError("ENAMETOOLONG", "open", "/x"))?.reason).toBe("file name too long (ENAMETOOLONG)");
  });
});
