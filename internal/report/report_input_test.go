package report

import (
	"strings"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/testkit"
)

// TestGenerateRefusesAndStoresNothing: a campaign of another school, an
// unknown campaign, a school the actor is not in, a role without the
// right and an unknown format are refused with a clear kind, and none of
// them stores a reports row or an audit entry.
func TestGenerateRefusesAndStoresNothing(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			s := newSmall(t, d)
			before := s.count(`SELECT COUNT(*) FROM audit_log`)
			tests := []struct {
				name     string
				actor    *auth.Actor
				school   int64
				campaign int64
				format   string
				kind     apperr.Kind
			}{
				{"another school's campaign", s.office, s.school, s.otherCamp, FormatHTML, apperr.NotFound},
				{"unknown campaign", s.office, s.school, 999999, FormatDOCX, apperr.NotFound},
				{"a school the actor is not in", s.office, s.other, s.otherCamp, FormatHTML, apperr.NotFound},
				{"staff", s.staff, s.school, s.campaign, FormatHTML, apperr.Forbidden},
				{"no actor", nil, s.school, s.campaign, FormatHTML, apperr.NotFound},
				{"bad format", s.office, s.school, s.campaign, "doc", apperr.Invalid},
			}
			for _, tt := range tests {
				_, err := s.svc.Generate(s.ctx, tt.actor, tt.school, tt.campaign, tt.format, HTMLOptions{})
				if e := apperr.As(err); err == nil || e.Kind != tt.kind || e.Message == "" {
					t.Errorf("%s: err = %v, want kind %v with a message", tt.name, err, tt.kind)
				}
			}
			if n := s.count(`SELECT COUNT(*) FROM reports`); n != 0 {
				t.Errorf("%d reports stored after refusals", n)
			}
			if n := s.count(`SELECT COUNT(*) FROM audit_log`); n != before {
				t.Errorf("audit entries appended by refusals: %d → %d", before, n)
			}

			// The office and the authority overseeing the school may; a
			// campaign with no data says so rather than inventing figures.
			authority := &auth.Actor{AccountID: 0, Grants: []auth.Grant{{Role: auth.RoleAuthorityViewer, SchoolID: s.school, ScopeKind: auth.ScopeSchool, AuthorityID: 1}}}
			for _, a := range []*auth.Actor{s.office, authority} {
				out, err := s.svc.Generate(s.ctx, a, s.school, s.campaign, FormatHTML, HTMLOptions{})
				if err != nil {
					t.Fatal(err)
				}
				html := string(out.Body)
				for _, w := range []string{"领导小组：暂无数据", "统计期内系统中尚无“回头看”抽查记录", SummarySentence(out.Report.Hazards), "整改率—"} {
					if !strings.Contains(html, w) {
						t.Errorf("empty campaign's report lacks %q", w)
					}
				}
			}
			if n := s.count(`SELECT COUNT(*) FROM reports WHERE school_id = $1 AND campaign_id = $2 AND format = 'html'`, s.school, s.campaign); n != 2 {
				t.Errorf("%d reports rows, want 2", n)
			}
		})
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]string{"a.pdf": "pdf", "b.DOCX": "docx", "c.html": "html", "d.xlsx": "xlsx", "e.doc": "", "f": "", "g.htm": ""} {
		got, err := FormatOf(name)
		if got != want || (want == "" && (err == nil || !strings.Contains(apperr.As(err).Message, ".pdf、.docx"))) {
			t.Errorf("FormatOf(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
}
