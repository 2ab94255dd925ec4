package server

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"time"
)

// bodyDeadline gives a request body d to arrive. The deadline is on the connection, so a
// client that sends its headers and then trickles (or stops sending) its body is cut off
// after d instead of holding a connection and a goroutine for minutes; the handler's read
// fails and it answers 400. Requests without a body get no deadline (a download can take as
// long as it takes), and the deadline is lifted once the body has been read to its end.
// Applied once for every route with the form limit, and again on the routes that take files
// with the longer upload limit.
func bodyDeadline(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Body == nil || r.Body == http.NoBody || (r.ContentLength == 0 && len(r.TransferEncoding) == 0) {
				next.ServeHTTP(w, r)
				return
			}
			rc := http.NewResponseController(w)
			if err := rc.SetReadDeadline(time.Now().Add(d)); err != nil {
				// Not a real connection (a test recorder): nothing to bound.
				next.ServeHTTP(w, r)
				return
			}
			r.Body = &deadlineBody{ReadCloser: r.Body, clear: func() { _ = rc.SetReadDeadline(time.Time{}) }}
			next.ServeHTTP(w, r)
		})
	}
}

// deadlineBody lifts the read deadline when the body ends, so the server's own read of the
// idle connection (which notices a client that went away) is not cut by it.
type deadlineBody struct {
	io.ReadCloser
	clear func()
	done  bool
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if errors.Is(err, io.EOF) && !b.done {
		b.done = true
		b.clear()
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		err = fmt.Errorf("%w: %w", errBodyTimeout, err)
	}
	return n, err
}

// errBodyTimeout marks a body that did not arrive in time: 408, not a database outage.
var errBodyTimeout = errors.New("request body not received in time")

// uploadBody is the body deadline of the routes that take files.
func (s *Server) uploadBody(next http.Handler) http.Handler {
	return bodyDeadline(s.cfg.UploadReadTimeout)(next)
}

// filesOnly hides directories: /static/ and its folders answer 404 instead of a listing.
type filesOnly struct{ fs.FS }

func (f filesOnly) Open(name string) (fs.File, error) {
	file, err := f.FS.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := file.Stat(); err != nil || st.IsDir() {
		file.Close()
		return nil, fs.ErrNotExist
	}
	return file, nil
}
