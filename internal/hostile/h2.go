// Package hostile holds misbehaving servers for the SDK's own tests: the
// protocol-level failures a well-behaved httptest server cannot produce.
// Everything listens on loopback only.
package hostile

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

// H2Mode says how an [H2Server] treats the requests it reads.
type H2Mode int

const (
	// ResetAfterBody reads every request to its end and then resets the
	// stream with RST_STREAM(PROTOCOL_ERROR): the server may have acted.
	// net/http replays a request after such a reset when it can.
	ResetAfterBody H2Mode = iota
	// RefuseFirst answers the first request with RST_STREAM(REFUSED_STREAM),
	// which promises it was not processed, and answers the rest.
	RefuseFirst
	// GoAwayFirst answers the first request with GOAWAY(last stream 0,
	// NO_ERROR), which promises it was not processed, closes that
	// connection, and answers the rest on new ones.
	GoAwayFirst
)

// H2Server is a raw HTTP/2 server over TLS on loopback, written frame by
// frame with golang.org/x/net/http2's Framer, so it can do what net/http's
// server never does.
type H2Server struct {
	URL string // https://127.0.0.1:port

	mode     H2Mode
	status   int
	body     []byte
	pool     *x509.CertPool
	ln       net.Listener
	wg       sync.WaitGroup
	received atomic.Int64 // requests read to their end
	answered atomic.Int64 // requests answered with status and body
	conns    atomic.Int64
	mu       sync.Mutex
	open     map[net.Conn]struct{}
}

// NewH2 starts an H2Server that answers the requests its mode lets through
// with status and body (JSON). It is closed when the test ends.
func NewH2(t testing.TB, mode H2Mode, status int, body string) *H2Server {
	t.Helper()
	cert, pool := selfSigned(t)
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{
		Certificates: []tls.Certificate{cert},
		NextProtos:   []string{"h2"},
		MinVersion:   tls.VersionTLS12,
	})
	if err != nil {
		t.Fatal(err)
	}
	s := &H2Server{URL: "https://" + ln.Addr().String(), mode: mode, status: status, body: []byte(body), pool: pool, ln: ln,
		open: map[net.Conn]struct{}{}}
	s.wg.Add(1)
	go s.accept()
	t.Cleanup(s.close)
	return s
}

// Received is how many requests the server read to their end (answered,
// reset, refused or not).
func (s *H2Server) Received() int { return int(s.received.Load()) }

// Answered is how many requests got the server's status and body: the
// ones it acted on.
func (s *H2Server) Answered() int { return int(s.answered.Load()) }

// Conns is how many connections the server accepted.
func (s *H2Server) Conns() int { return int(s.conns.Load()) }

// Transport returns a client transport like the SDK's own (HTTP/2
// attempted, pooled) that trusts the server's certificate.
func (s *H2Server) Transport() *http.Transport {
	return &http.Transport{
		TLSClientConfig:     &tls.Config{RootCAs: s.pool, MinVersion: tls.VersionTLS12},
		ForceAttemptHTTP2:   true,
		MaxIdleConnsPerHost: 100,
	}
}

// TLSConfig returns a client TLS configuration that trusts the server.
func (s *H2Server) TLSConfig() *tls.Config {
	return &tls.Config{RootCAs: s.pool, MinVersion: tls.VersionTLS12}
}

// close stops the listener and cuts every connection the client still
// holds open.
func (s *H2Server) close() {
	s.ln.Close()
	s.mu.Lock()
	for c := range s.open {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

func (s *H2Server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.conns.Add(1)
		s.mu.Lock()
		s.open[c] = struct{}{}
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.serve(c)
			s.mu.Lock()
			delete(s.open, c)
			s.mu.Unlock()
			c.Close()
		}()
	}
}

// serve speaks HTTP/2 on one connection until the peer goes or a GOAWAY
// was sent. One goroutine reads and writes, so the Framer needs no lock.
func (s *H2Server) serve(c net.Conn) {
	_ = c.SetDeadline(time.Now().Add(30 * time.Second))
	preface := make([]byte, len(http2.ClientPreface))
	if _, err := io.ReadFull(c, preface); err != nil || string(preface) != http2.ClientPreface {
		return
	}
	fr := http2.NewFramer(c, c)
	if fr.WriteSettings() != nil {
		return
	}
	var hbuf bytes.Buffer
	enc := hpack.NewEncoder(&hbuf)
	for {
		f, err := fr.ReadFrame()
		if err != nil {
			return
		}
		var ended bool
		switch f := f.(type) {
		case *http2.SettingsFrame:
			if !f.IsAck() && fr.WriteSettingsAck() != nil {
				return
			}
		case *http2.PingFrame:
			if !f.IsAck() && fr.WritePing(true, f.Data) != nil {
				return
			}
		case *http2.HeadersFrame:
			ended = f.StreamEnded()
		case *http2.DataFrame:
			ended = f.StreamEnded()
			if n := len(f.Data()); n > 0 { // keep the windows open
				_ = fr.WriteWindowUpdate(0, uint32(n))
				_ = fr.WriteWindowUpdate(f.StreamID, uint32(n))
			}
		}
		if !ended {
			continue
		}
		id := f.Header().StreamID
		n := s.received.Add(1)
		switch {
		case s.mode == ResetAfterBody:
			err = fr.WriteRSTStream(id, http2.ErrCodeProtocol)
		case s.mode == RefuseFirst && n == 1:
			err = fr.WriteRSTStream(id, http2.ErrCodeRefusedStream)
		case s.mode == GoAwayFirst && n == 1:
			_ = fr.WriteGoAway(0, http2.ErrCodeNo, nil)
			time.Sleep(20 * time.Millisecond) // let the client read it before the close
			return
		default:
			s.answered.Add(1)
			hbuf.Reset()
			_ = enc.WriteField(hpack.HeaderField{Name: ":status", Value: strconv.Itoa(s.status)})
			_ = enc.WriteField(hpack.HeaderField{Name: "content-type", Value: "application/json"})
			_ = enc.WriteField(hpack.HeaderField{Name: "content-length", Value: strconv.Itoa(len(s.body))})
			err = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: id, BlockFragment: hbuf.Bytes(), EndHeaders: true, EndStream: len(s.body) == 0})
			if err == nil && len(s.body) > 0 {
				err = fr.WriteData(id, true, s.body)
			}
		}
		if err != nil {
			return
		}
	}
}

// selfSigned makes a certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "hostile test server"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}
