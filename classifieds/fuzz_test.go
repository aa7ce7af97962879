package classifieds

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// addCorpus seeds f with the package's example bodies and every input
// kept in testdata/fuzz/<dir> (the corpora of this and older targets).
func addCorpus(f *testing.F, dirs ...string) {
	f.Helper()
	for _, name := range []string{"list_response.repaired.json", "list_response.verbatim.json", "create_response.repaired.json",
		"create_response.verbatim.json", "delete_response.json", "generate_response.json"} {
		f.Add([]byte(readTestdataString(name)))
	}
	f.Add([]byte(`{"result":false,"errors":""}`))
	f.Add([]byte(`{"result":"1","errors":[1,null,"x"],"data":[{"userId":"12","contacts":{"contacts":[{"active":"0"}]},"activation":{"validUntil":"2021-12-02 12:05:10"}}]}`))
	f.Add([]byte(`{"result":false,"errors":[" a ",{"field":"f","message":"m"},[" b "]],"data":{"userId":"x"}}`))
	f.Add(benchListJSON(3, true))
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join("testdata", "fuzz", dir, "*"))
		require.NoError(f, err)
		for _, file := range files {
			f.Add(readCorpusFile(f, file))
		}
	}
}

// readCorpusFile reads a "go test fuzz v1" file of one []byte value.
func readCorpusFile(f *testing.F, file string) []byte {
	f.Helper()
	fh, err := os.Open(file)
	require.NoError(f, err)
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	require.True(f, sc.Scan())
	require.Equal(f, "go test fuzz v1", sc.Text())
	require.True(f, sc.Scan())
	line := strings.TrimSuffix(strings.TrimPrefix(sc.Text(), "[]byte("), ")")
	s, err := strconv.Unquote(line)
	require.NoError(f, err, file)
	return []byte(s)
}

// FuzzEnvelope feeds arbitrary bodies through the dialect as every method
// uses it: it must never panic, and what it accepts must be consistent.
func FuzzEnvelope(f *testing.F) {
	addCorpus(f, "FuzzEnvelope")
	f.Fuzz(func(t *testing.T, body []byte) {
		env, err := decodeEnvelopeBody[users](string(body))
		msgs, failed := env.Failure()
		if failed {
			require.NotEmpty(t, msgs, "a failure always carries a message")
			return
		}
		require.Nil(t, msgs)
		if err != nil {
			return
		}
		for _, u := range env.Data {
			require.NotNil(t, u)
			_ = u.LogValue().Resolve().String()
		}
		if a, err := decodeEnvelopeBody[activations](string(body)); err == nil {
			for _, x := range a.Data {
				if x != nil {
					_ = x.LogValue().Resolve().String()
				}
			}
		}
	})
}

// FuzzDecode_v1VersusDialect holds the dialect to the encoding/json v1
// decoders it replaced (kept in v1decode_test.go): every body they
// accepted, for every kind of call, decodes to the same values, the same
// failure and the same messages.
func FuzzDecode_v1VersusDialect(f *testing.F) {
	addCorpus(f, "FuzzEnvelope", "FuzzDecode_v1VersusDialect")
	f.Fuzz(func(t *testing.T, body []byte) {
		var old v1Envelope
		if json.Unmarshal(body, &old) != nil {
			return // refused before: the dialect may do as it likes
		}
		oldMsgs, oldFailed := old.Failure()

		// Delete and Activate: the envelope only.
		skip, err := decodeEnvelopeBody[skipped](string(body))
		require.NoError(t, err, "v1 accepted the envelope")
		sameEnvelope(t, &old, skip)
		msgs, failed := skip.Failure()
		require.Equal(t, oldFailed, failed)
		require.Equal(t, oldMsgs, msgs)

		// List, Get, Create, Update: the envelope and its users.
		list, err := decodeEnvelopeBody[users](string(body))
		msgs, failed = list.Failure()
		require.Equal(t, oldFailed, failed, "failure seen even when a member fails")
		require.Equal(t, oldMsgs, msgs)
		if oldUsers, oldErr := v1DecodeUsers(old.Data); oldErr == nil {
			require.NoError(t, err, "v1 accepted the users")
			sameEnvelope(t, &old, list)
			require.Equal(t, len(oldUsers), len(list.Data))
			if len(oldUsers) > 0 {
				require.Equal(t, oldUsers, []*User(list.Data))
			}
		}

		// GenerateActivation.
		if oldAct, oldErr := v1DecodeActivation(old.Data); oldErr == nil {
			act, err := decodeEnvelopeBody[activations](string(body))
			require.NoError(t, err, "v1 accepted the activation")
			require.Len(t, act.Data, 1)
			require.Equal(t, oldAct, act.Data[0])
		}
	})
}

// sameEnvelope checks the envelope members v1 and the dialect both read.
func sameEnvelope[D any](t *testing.T, old *v1Envelope, env *envelope[D]) {
	t.Helper()
	require.Equal(t, old.Result == nil, env.Result == nil)
	if old.Result != nil {
		require.Equal(t, *old.Result, *env.Result)
	}
	require.Equal(t, bool(old.FromCache), env.FromCache)
	require.Equal(t, int(old.TotalItems), env.TotalItems)
	require.Equal(t, int(old.TotalInSet), env.TotalInSet)
	require.Equal(t, int(old.Page), env.Page)
	require.Equal(t, int(old.ItemsPerPage), env.ItemsPerPage)
	require.Equal(t, math.Float64bits(float64(old.Speed)), math.Float64bits(float64(env.Speed)))
}
