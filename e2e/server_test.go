// Package e2e tests the real program: it builds cmd/safecampus once, runs
// the binary as a user would and drives it over HTTP and in Chromium.
package e2e

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// adminPassword is the demo admin's password, set through the environment
// so the browser test knows it.
const adminPassword = "e2e-Admin-pass-2026"

var (
	binDir   string
	buildMu  sync.Mutex
	binPath  string
	buildErr error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "safecampus-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// EnvBinary names an already built safecampus binary to test instead of
// building one (CI builds the release binary once and tests that).
const EnvBinary = "SAFECAMPUS_E2E_BIN"

// binary builds cmd/safecampus once per test run and returns its path.
func binary(t *testing.T) string {
	t.Helper()
	buildMu.Lock()
	defer buildMu.Unlock()
	if p := os.Getenv(EnvBinary); p != "" && binPath == "" {
		binPath = p
	}
	if binPath == "" && buildErr == nil {
		out := filepath.Join(binDir, "safecampus")
		root, err := filepath.Abs("..") // this package sits at the module root's e2e/
		if err == nil {
			cmd := exec.Command("go", "build", "-o", out, "./cmd/safecampus")
			cmd.Dir = root
			if b, err := cmd.CombinedOutput(); err != nil {
				buildErr = fmt.Errorf("go build ./cmd/safecampus: %v\n%s", err, b)
			} else {
				binPath = out
			}
		} else {
			buildErr = err
		}
	}
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// lockedBuffer collects a child's output; the test reads it while the
// child still writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// server is one running `safecampus serve`.
type server struct {
	URL    string
	cmd    *exec.Cmd
	stdout *lockedBuffer
	stderr *lockedBuffer
	exited chan struct{}
	err    error // the process's exit error, valid after exited closes
}

// freeAddr returns a loopback address nobody listens on right now. Another
// process could take it before the server binds it; on a test machine
// that is rare enough.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// startServer runs `safecampus serve --data dataDir --addr <free port>`
// plus extra arguments and waits until /healthz answers 200.
func startServer(t *testing.T, dataDir string, env []string, extra ...string) *server {
	t.Helper()
	addr := freeAddr(t)
	args := append([]string{"serve", "--data", dataDir, "--addr", addr}, extra...)
	s := &server{URL: "http://" + addr, stdout: &lockedBuffer{}, stderr: &lockedBuffer{}, exited: make(chan struct{})}
	s.cmd = exec.Command(binary(t), args...)
	s.cmd.Env = childEnv(env)
	s.cmd.Stdout, s.cmd.Stderr = s.stdout, s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.err = s.cmd.Wait(); close(s.exited) }()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log (%s):\n%s", strings.Join(args, " "), lastLines(s.stderr.String(), 40))
		}
		select {
		case <-s.exited:
		default:
			s.cmd.Process.Kill()
			<-s.exited
		}
	})

	deadline := time.Now().Add(30 * time.Second)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		select {
		case <-s.exited:
			t.Fatalf("safecampus %s exited early: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), s.err, s.stdout, s.stderr)
		default:
		}
		if resp, err := client.Get(s.URL + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz did not answer 200 within 30 s\nstderr:\n%s", s.stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop sends SIGTERM and requires a graceful exit with status 0 within
// 10 s.
func (s *server) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM: %v", err)
	}
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		t.Fatalf("server still running 10 s after SIGTERM\nstderr:\n%s", s.stderr)
	}
	if s.err != nil {
		t.Fatalf("server exited with %v after SIGTERM, want status 0\nstderr:\n%s", s.err, s.stderr)
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
