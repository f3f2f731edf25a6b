package ui

// slowWindow is why these whole-window runs (over every training patient,
// text size or the OQS simulator) are left to `make test`: `make check`
// runs the flow's rules in ui/flow in milliseconds.
const slowWindow = "slow whole-window test"
