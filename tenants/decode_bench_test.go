package tenants

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// BenchmarkDecodeUser measures decoding alone, no HTTP, on the seed's
// user (testdata/user.json): the generated decoder as the client runs it
// (generated), encoding/json/v2's tokenizer reading every token and doing
// nothing with it (tokens: the floor under any decoder built on it). The
// public-call benchmarks in
// bench_test.go are what the README's ratios come from.
func BenchmarkDecodeUser(b *testing.B) {
	data, err := os.ReadFile("testdata/user.json")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("generated", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var u *User
			if err := json.Unmarshal(data, &u, dialect); err != nil || u.ID == 0 {
				b.Fatal(err)
			}
		}
	})
	b.Run("tokens", func(b *testing.B) {
		b.ReportAllocs()
		dec := jsontext.NewDecoder(bytes.NewReader(nil))
		for b.Loop() {
			dec.Reset(bytes.NewReader(data), dialect)
			n := 0
			for ; ; n++ {
				if _, err := dec.ReadToken(); err == io.EOF {
					break
				} else if err != nil {
					b.Fatal(err)
				}
			}
			if n < 80 {
				b.Fatal(n)
			}
		}
	})
}
