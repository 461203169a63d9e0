// Tests compare plain text: colour settings of the shell or CI running them must not leak in.
// Tests of colour set these variables themselves.
delete process.env.FORCE_COLOR;
delete process.env.NO_COLOR;
