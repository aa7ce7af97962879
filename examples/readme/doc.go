// Package readme holds the Go snippets of the repository's README.md as
// code that compiles and runs: its test checks that every ```go block of
// the README stands, word for word, between README markers in this
// package's test files, and runs each snippet against the fake servers.
package readme
