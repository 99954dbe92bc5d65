// Command loadgen measures logged-in page latency of a local SafeCampus:
// it logs in once, then C clients GET a list of paths for D seconds and it
// prints req/s, p50/p95/p99 and the error count (docs/benchmarks.md).
//
//	loadgen -base http://127.0.0.1:8080 -user admin -password … -c 50 -d 10s -paths /,/units,/people
//
// It only talks to loopback addresses: it is a benchmark, not a load-testing
// tool to point at someone else's server.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"
)

const (
	maxClients  = 1000
	maxDuration = 10 * time.Minute
)

func main() {
	base := flag.String("base", "http://127.0.0.1:8080", "base `URL` of the server (loopback only)")
	user := flag.String("user", "admin", "login `name`")
	password := flag.String("password", os.Getenv("LOADGEN_PASSWORD"), "`password` (default $LOADGEN_PASSWORD)")
	clients := flag.Int("c", 50, "concurrent `clients`")
	duration := flag.Duration("d", 10*time.Second, "measured `duration`")
	warmup := flag.Duration("warmup", 2*time.Second, "unmeasured warm-up `duration` before it")
	paths := flag.String("paths", "/,/units,/people", "comma-separated `paths` to GET in turn")
	think := flag.Duration("think", 0, "pause of each client after each answer (0: closed loop, the worst case)")
	flag.Parse()
	if err := run(*base, *user, *password, *clients, *duration, *warmup, *think, strings.Split(*paths, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(base, user, password string, clients int, d, warmup, think time.Duration, paths []string) error {
	u, err := url.Parse(base)
	if err != nil {
		return fmt.Errorf("-base: %w", err)
	}
	if err := loopbackOnly(u); err != nil {
		return err
	}
	if clients < 1 || clients > maxClients {
		return fmt.Errorf("-c: must be 1..%d", maxClients)
	}
	if d <= 0 || warmup < 0 || think < 0 || d+warmup > maxDuration {
		return fmt.Errorf("-d: must be positive and, with -warmup, at most %v", maxDuration)
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{
		Jar:     jar,
		Timeout: 10 * time.Second,
		// A redirect during the run means a lost session: count it as an
		// error instead of silently measuring the login page.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, IdleConnTimeout: time.Minute},
	}
	if err := login(client, u, user, password); err != nil {
		return err
	}
	for _, p := range paths {
		if err := get(client, pathURL(u, p)); err != nil {
			return fmt.Errorf("sanity check: %w", err)
		}
	}

	// The run itself sends the session cookie by hand on requests built
	// once per client and path, so the load generator, which shares the
	// server's cores, spends its CPU on HTTP and not on the cookie jar and
	// URL parsing (measured: ~78 → ~73 µs of its CPU per request).
	cookie := cookieHeader(jar.Cookies(u))
	run := &http.Client{Timeout: client.Timeout, CheckRedirect: client.CheckRedirect, Transport: client.Transport}

	ctx, cancel := context.WithTimeout(context.Background(), warmup+d)
	defer cancel()
	measureFrom := time.Now().Add(warmup)
	results := make([]*stats, clients)
	var wg sync.WaitGroup
	for i := range clients {
		results[i] = newStats()
		reqs := make([]*http.Request, len(paths))
		for j, p := range paths {
			// Requests are reused one after another by this client only,
			// each after the previous answer's body was closed.
			reqs[j], _ = http.NewRequest(http.MethodGet, pathURL(u, p), nil)
			reqs[j].Header.Set("Cookie", cookie)
		}
		wg.Go(func() {
			for n := i; ctx.Err() == nil; n++ {
				p := paths[n%len(paths)]
				t0 := time.Now()
				err := do(run, reqs[n%len(paths)])
				// Requests started during the warm-up are not measured; one
				// started before the end is, however long it takes.
				if !t0.Before(measureFrom) {
					results[i].add(p, time.Since(t0), err)
				}
				if think > 0 {
					time.Sleep(think)
				}
			}
		})
	}
	wg.Wait()
	total := newStats()
	for _, s := range results {
		total.merge(s)
	}
	fmt.Printf("loadgen: %s, %d clients, think %v, %v measured after %v warm-up, paths %s\n", u.Redacted(), clients, think, d, warmup, strings.Join(paths, " "))
	total.print(os.Stdout, d)
	if total.errors > 0 {
		fmt.Printf("first error: %v\n", total.firstErr)
	}
	return nil
}

// pathURL joins p to base; p may carry a query string (filtered lists),
// which JoinPath would escape into the path.
func pathURL(base *url.URL, p string) string {
	path, query, _ := strings.Cut(p, "?")
	u := base.JoinPath(path)
	u.RawQuery = query
	return u.String()
}

// loopbackOnly refuses any host that is not this machine.
func loopbackOnly(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("-base: scheme must be http or https, not %q", u.Scheme)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("-base: %q is not a loopback address; loadgen only measures a server on this machine", host)
}

// login posts the login form the way a browser does and requires the
// session cookie and a redirect away from the login page.
func login(c *http.Client, base *url.URL, user, password string) error {
	if password == "" {
		return errors.New("-password or $LOADGEN_PASSWORD is required")
	}
	form := url.Values{"username": {user}, "password": {password}}
	req, _ := http.NewRequest(http.MethodPost, base.JoinPath("/login").String(), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin") // http.CrossOriginProtection
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("login: %w", err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || strings.Contains(loc, "/login") || strings.Contains(loc, "/account/password") {
		return fmt.Errorf("login as %s failed: status %d, Location %q", user, resp.StatusCode, loc)
	}
	if len(c.Jar.Cookies(base)) == 0 {
		return errors.New("login: no session cookie was set")
	}
	return nil
}

// get fetches url and reads the whole body; anything but 200 is an error.
func get(c *http.Client, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	return do(c, req)
}

func do(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: status %d", req.URL, resp.StatusCode)
	}
	return nil
}

// cookieHeader is the Cookie header a browser would send with cs.
func cookieHeader(cs []*http.Cookie) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Name + "=" + c.Value
	}
	return strings.Join(parts, "; ")
}
