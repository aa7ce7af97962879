package transport

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable returns msgs with every message made one printable line (see
// printable). It reuses msgs when nothing needed escaping.
func Printable(msgs []string) []string {
	for i, m := range msgs {
		if p := printable(m); p != m {
			msgs[i] = p
		}
	}
	return msgs
}

// printable escapes what a server's text must not bring into an error
// string or a log line: line breaks, terminal escapes and other control
// characters, Unicode line separators, and invalid UTF-8 are written as Go
// escapes (\n, \x1b, \u2028), so a message stays on one line and cannot
// forge another log record.
func printable(s string) string {
	i := strings.IndexFunc(s, notPrintable)
	if i < 0 && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			b.WriteString(`\ufffd`)
		case notPrintable(r):
			q := strconv.QuoteRune(r) // '\n', '\x1b', '\u2028'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func notPrintable(r rune) bool { return r != ' ' && !unicode.IsPrint(r) }
