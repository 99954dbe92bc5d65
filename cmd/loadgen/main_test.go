package main

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestLoopbackOnly(t *testing.T) {
	cases := []struct {
		base string
		ok   bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://127.0.0.2:8080", true},
		{"http://[::1]:8080", true},
		{"http://localhost:8080", true},
		{"https://127.0.0.1", true},
		{"http://10.0.0.5:8080", false},
		{"http://example.com", false},
		{"http://localhost.example.com", false},
		{"http://127.0.0.1.nip.io", false},
		{"ftp://127.0.0.1", false},
	}
	for _, c := range cases {
		u, err := url.Parse(c.base)
		if err != nil {
			t.Fatal(err)
		}
		if err := loopbackOnly(u); (err == nil) != c.ok {
			t.Errorf("loopbackOnly(%s) = %v, want ok=%v", c.base, err, c.ok)
		}
	}
}

func TestPercentile(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	var hundred []time.Duration
	for i := 1; i <= 100; i++ {
		hundred = append(hundred, ms(i))
	}
	cases := []struct {
		in   []time.Duration
		p    float64
		want time.Duration
	}{
		{nil, 0.5, 0},
		{[]time.Duration{ms(7)}, 0.99, ms(7)},
		{hundred, 0.50, ms(50)},
		{hundred, 0.95, ms(95)},
		{hundred, 0.99, ms(99)},
		{hundred, 1, ms(100)},
		{[]time.Duration{ms(1), ms(2), ms(3)}, 0.5, ms(2)},
	}
	for _, c := range cases {
		if got := percentile(c.in, c.p); got != c.want {
			t.Errorf("percentile(%d values, %v) = %v, want %v", len(c.in), c.p, got, c.want)
		}
	}
}

func TestCookieHeader(t *testing.T) {
	got := cookieHeader([]*http.Cookie{{Name: "sc_session", Value: "abc"}, {Name: "lang", Value: "en"}})
	if want := "sc_session=abc; lang=en"; got != want {
		t.Errorf("cookieHeader = %q, want %q", got, want)
	}
}
