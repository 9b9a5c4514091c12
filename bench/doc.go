// Package bench holds side-by-side benchmarks and agreement tests of itsm's
// packages against peer libraries. It is a module of its own so that the
// peers (github.com/rickar/cal/v2 and others) never become dependencies of
// itsm itself. It has no API: everything is in its _test.go files, and
// README.md records the numbers with the command that produced them.
package bench
