package classifieds

import (
	"bytes"
	stdjson "encoding/json"
	"testing"
	"time"

	"github.com/go-json-experiment/json"
)

func BenchmarkZZDecodeCreate(b *testing.B) {
	b.Run("sdk", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var env envelope[users]
			if err := json.Unmarshal(benchCreateJSON, &env, dialect); err != nil || len(env.Data) != 1 {
				b.Fatal(err)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var env handEnvelope[handUser]
			if err := stdjson.NewDecoder(bytes.NewReader(benchCreateJSON)).Decode(&env); err != nil {
				b.Fatal(err)
			}
			if _, err := time.Parse(time.DateTime, env.Data.Activation.ValidUntil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("vendortime", func(b *testing.B) {
		for b.Loop() {
			if _, err := parseVendorTime("2021-12-02 12:05:10"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
