package browsertest

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

// serverFrame encodes an unmasked server frame.
func serverFrame(fin bool, op byte, payload []byte) []byte {
	b := []byte{op, 0}
	if fin {
		b[0] |= 0x80
	}
	switch n := len(payload); {
	case n < 126:
		b[1] = byte(n)
	case n <= 0xffff:
		b[1] = 126
		b = binary.BigEndian.AppendUint16(b, uint16(n))
	default:
		b[1] = 127
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	return append(b, payload...)
}

// readClientFrame decodes one masked client frame.
func readClientFrame(t *testing.T, r *bufio.Reader) (op byte, payload []byte) {
	t.Helper()
	var h [2]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		t.Fatal(err)
	}
	if h[0]&0x80 == 0 || h[1]&0x80 == 0 {
		t.Fatalf("client frame not final or not masked: %x", h)
	}
	n := uint64(h[1] & 0x7f)
	switch n {
	case 126:
		var b [2]byte
		io.ReadFull(r, b[:])
		n = uint64(binary.BigEndian.Uint16(b[:]))
	case 127:
		var b [8]byte
		io.ReadFull(r, b[:])
		n = binary.BigEndian.Uint64(b[:])
	}
	var mask [4]byte
	io.ReadFull(r, mask[:])
	payload = make([]byte, n)
	if _, err := io.ReadFull(r, payload); err != nil {
		t.Fatal(err)
	}
	for i := range payload {
		payload[i] ^= mask[i%4]
	}
	return h[0] & 0x0f, payload
}

func TestWebSocket(t *testing.T) {
	client, server := net.Pipe()
	defer client.Close()
	big := bytes.Repeat([]byte("0123456789"), 7000) // needs the 64-bit length
	mid := bytes.Repeat([]byte("x"), 300)           // needs the 16-bit length
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer server.Close()
		r := bufio.NewReader(server)
		req, err := http.ReadRequest(r)
		if err != nil {
			t.Error(err)
			return
		}
		if req.URL.Path != "/devtools/page/1" || req.Header.Get("Upgrade") != "websocket" || req.Header.Get("Origin") != "" {
			t.Errorf("handshake request: %s %v", req.URL, req.Header)
		}
		sum := sha1.Sum([]byte(req.Header.Get("Sec-WebSocket-Key") + wsGUID))
		io.WriteString(server, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
			"Sec-WebSocket-Accept: "+base64.StdEncoding.EncodeToString(sum[:])+"\r\n\r\n")

		for _, msg := range [][]byte{[]byte("hello"), mid, big} {
			if op, got := readClientFrame(t, r); op != opText || !bytes.Equal(got, msg) {
				t.Errorf("client sent op %d, %d bytes; want text of %d bytes", op, len(got), len(msg))
			}
		}
		// A fragmented message with a ping in the middle, then a large one.
		server.Write(serverFrame(false, opText, []byte("frag")))
		server.Write(serverFrame(true, opPing, []byte("p")))
		if op, got := readClientFrame(t, r); op != opPong || string(got) != "p" {
			t.Errorf("ping answered with op %d %q", op, got)
		}
		server.Write(serverFrame(false, opContinuation, []byte("ment")))
		server.Write(serverFrame(true, opContinuation, []byte("ed")))
		server.Write(serverFrame(true, opText, big))
		server.Write(serverFrame(true, opClose, nil))
		if op, _ := readClientFrame(t, r); op != opClose {
			t.Errorf("close answered with op %d", op)
		}
	}()
	ws, err := dialWebSocket(client, "ws://127.0.0.1:9222/devtools/page/1")
	if err != nil {
		t.Fatal(err)
	}
	for _, msg := range [][]byte{[]byte("hello"), mid, big} {
		if err := ws.WriteText(msg); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := ws.ReadMessage(); err != nil || string(got) != "fragmented" {
		t.Fatalf("fragmented message: %q, %v", got, err)
	}
	if got, err := ws.ReadMessage(); err != nil || !bytes.Equal(got, big) {
		t.Fatalf("large message: %d bytes, %v", len(got), err)
	}
	if _, err := ws.ReadMessage(); err != io.EOF {
		t.Fatalf("after close: %v, want EOF", err)
	}
	<-done
}

func TestWebSocketBadHandshake(t *testing.T) {
	client, server := net.Pipe()
	defer client.Close()
	go func() {
		defer server.Close()
		r := bufio.NewReader(server)
		http.ReadRequest(r)
		io.WriteString(server, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: wrong\r\n\r\n")
	}()
	_, err := dialWebSocket(client, "ws://127.0.0.1:1/x")
	if err == nil || !strings.Contains(err.Error(), "Sec-WebSocket-Accept") {
		t.Fatalf("err = %v, want a bad-accept error", err)
	}
}
