/** Temporary name beside a target for its new content while a render writes the tree. */
export const tempName = (target: string) => `${target}.kforge-${process.pid}.tmp`;

/** Temporary name of an old file moved aside until the new tree is in place. */
export const asideName = (target: string) => `${target}.kforge-${process.pid}.old.tmp`;

/** Either of the above, of any process: found on disk only when a render was killed half-way. */
export const TEMP_FILE = /\.kforge-[0-9]+(\.old)?\.tmp$/;
