package jsonx

import "github.com/go-json-experiment/json/jsontext"

// ReadRest reads on from a decoding error to the end of the object that
// was opened at depth, handing the name of each of its members to member,
// which reports whether it read the value. It stops at the first error.
// An envelope uses it to find its failure flag and messages after another
// member failed to decode, so the vendor's message is never lost.
func ReadRest(dec *jsontext.Decoder, depth int, member func(name string) (bool, error)) {
	for {
		d := dec.StackDepth()
		switch {
		case d <= depth:
			return // the object is closed (or was never opened)
		case d > depth+1:
			// Inside the member that failed: read out of it.
			if _, err := dec.ReadToken(); err != nil {
				return
			}
			continue
		}
		if _, n := dec.StackIndex(d); n%2 == 1 {
			// A name was read but not its value.
			if dec.SkipValue() != nil {
				return
			}
			continue
		}
		tok, err := dec.ReadToken()
		if err != nil || tok.Kind() == '}' {
			return
		}
		read, err := member(tok.String())
		if err != nil {
			return
		}
		if !read && dec.SkipValue() != nil {
			return
		}
	}
}
