package main

import (
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"
)

// stats collects the latencies of one client (no locking: each client has
// its own) and is merged at the end.
type stats struct {
	byPath   map[string][]time.Duration
	errors   int
	firstErr error
}

func newStats() *stats { return &stats{byPath: map[string][]time.Duration{}} }

// add records one request; failed requests count as errors, not latencies,
// so a fast error page cannot improve the percentiles.
func (s *stats) add(path string, d time.Duration, err error) {
	if err != nil {
		s.errors++
		if s.firstErr == nil {
			s.firstErr = err
		}
		return
	}
	s.byPath[path] = append(s.byPath[path], d)
}

func (s *stats) merge(o *stats) {
	for p, ds := range o.byPath {
		s.byPath[p] = append(s.byPath[p], ds...)
	}
	s.errors += o.errors
	if s.firstErr == nil {
		s.firstErr = o.firstErr
	}
}

// percentile returns the nearest-rank p-quantile (0 < p ≤ 1) of sorted.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted))+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d.Microseconds())/1000) }

// print writes one row per path and a total row.
func (s *stats) print(w io.Writer, measured time.Duration) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "path\trequests\treq/s\tp50 ms\tp95 ms\tp99 ms\tmax ms\t")
	var all []time.Duration
	paths := make([]string, 0, len(s.byPath))
	for p := range s.byPath {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	row := func(name string, ds []time.Duration) {
		slices.Sort(ds)
		if len(ds) == 0 {
			fmt.Fprintf(tw, "%s\t0\t0\t-\t-\t-\t-\t\n", name)
			return
		}
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%s\t%s\t%s\t%s\t\n", name, len(ds), float64(len(ds))/measured.Seconds(),
			ms(percentile(ds, 0.50)), ms(percentile(ds, 0.95)), ms(percentile(ds, 0.99)), ms(ds[len(ds)-1]))
	}
	for _, p := range paths {
		row(p, s.byPath[p])
		all = append(all, s.byPath[p]...)
	}
	row("all", all)
	tw.Flush()
	fmt.Fprintf(w, "errors: %d\n", s.errors)
}
