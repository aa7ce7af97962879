package clogin

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// addCorpus seeds f with the package's example bodies and every input
// kept in testdata/fuzz/<dir> (the corpora of this and older targets).
func addCorpus(f *testing.F, files []string, dirs ...string) {
	f.Helper()
	for _, name := range files {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		require.NoError(f, err)
		f.Add(b)
	}
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

// FuzzDecode_v1VersusDialect_Result holds the dialect to the encoding/json
// v1 decoder of Result it replaced (kept in v1decode_test.go): every body
// it accepted decodes to the same Result, the same failure and the same
// messages.
func FuzzDecode_v1VersusDialect_Result(f *testing.F) {
	addCorpus(f, []string{"login-response.json", "set-status-response.json", "status-create-response.json"},
		"FuzzResult", "FuzzDecode_v1VersusDialect_Result")
	f.Add(benchGetInfoJSON)
	f.Add(benchCreateJSON)
	f.Add([]byte(`{"success":"0","msg":[" a ",{"message":"b"}],"users":[],"children":[],"parent":{"total_forms":"x"}}`))
	f.Add([]byte(`{"success":false,"user_info":{"clogin_id":"x"},"msg":"no such user"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		if tooDeep(body) {
			return // the v1 decoders are quadratic in depth (what the dialect fixes): keep the fuzzer fast
		}
		var old v1Result
		if json.Unmarshal(body, &old) != nil {
			return // refused before: the dialect may do as it likes
		}
		oldMsgs, oldFailed := old.Failure()
		var r Result
		e := &resultEnvelope{r: &r}
		require.NoError(t, decodeEnvelope(body, e), "v1 accepted the body")
		msgs, failed := e.Failure()
		require.Equal(t, oldFailed, failed)
		require.Equal(t, oldMsgs, msgs)
		require.Equal(t, old.r, r)
	})
}

// FuzzDecode_v1VersusDialect_UserPage is the same for get_user_list.
func FuzzDecode_v1VersusDialect_UserPage(f *testing.F) {
	addCorpus(f, []string{"user-list-response.json"}, "FuzzUserPage", "FuzzDecode_v1VersusDialect_UserPage")
	f.Add([]byte(`{"users":[{"user_info":{"clogin_id":"1"},"u_name":"flat","meta_info":"x","children":[{"clogin_id":2,"doc":{"a":[1]}},null]}],"totals":null}`))
	f.Add([]byte(`{"users":[{"meta_info":{"total_forms":"x"},"meta_info":{},"children":[1],"children":[]}],"success":"0","msg":"m"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		if tooDeep(body) {
			return
		}
		var old v1UserPage
		if json.Unmarshal(body, &old) != nil {
			return
		}
		oldMsgs, oldFailed := old.Failure()
		var p UserPage
		e := &listEnvelope{p: &p}
		require.NoError(t, decodeEnvelope(body, e), "v1 accepted the body")
		msgs, failed := e.Failure()
		require.Equal(t, oldFailed, failed)
		require.Equal(t, oldMsgs, msgs)
		require.Equal(t, old.p, p)
	})
}

// tooDeep reports whether body nests more than 64 levels (roughly: brackets
// inside strings count too) or is longer than 16 KiB.
func tooDeep(body []byte) bool {
	if len(body) > 16<<10 {
		return true
	}
	depth := 0
	for _, c := range body {
		switch c {
		case '[', '{':
			if depth++; depth > 64 {
				return true
			}
		case ']', '}':
			depth--
		}
	}
	return false
}
