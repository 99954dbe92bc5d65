package web

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"safecampus/internal/hazard"
	"safecampus/internal/org"
)

// oldHazardSelects is the template markup the Go writer replaced
// (decision 0025): the writer must produce the same HTML.
var oldHazardSelects = template.Must(template.New("").Parse(
	`{{range .Units}}<option value="{{.V}}"{{if eq .V $.Unit}} selected{{end}}>{{.L}}</option>{{end}}|` +
		`{{range .People}}<option value="{{.V}}" data-units="{{.U}}"{{if eq .V $.Resp}} selected{{end}}>{{.N}}{{with .UN}}（{{.}}）{{end}}</option>{{end}}|` +
		`{{range .People}}<option value="{{.V}}"{{if eq .V $.Acc}} selected{{end}}>{{.N}}{{with .UN}}（{{.}}）{{end}}</option>{{end}}|` +
		`{{range .People}}<option value="{{.V}}"{{if eq .V $.Sup}} selected{{end}}>{{.N}}{{with .UN}}（{{.}}）{{end}}</option>{{end}}`))

// TestHazardSelectsEscapeAndKeepMarkup checks that names are escaped,
// that the record's values — or, after a refused step (422), the values
// sent — stay selected, and that the markup is the old template's.
func TestHazardSelectsEscapeAndKeepMarkup(t *testing.T) {
	units := []org.Unit{{ID: 1, Name: "总务处"}, {ID: 2, ParentID: 1, Depth: 1, Name: `<i>'维修'</i>`}, {ID: 3, ParentID: 2, Depth: 2, Name: "电工班"}}
	people := []org.Person{
		{ID: 7, Name: `<b>"x"&`, UnitID: 3, UnitName: `电工班 & <班组>`},
		{ID: 12, Name: "王电工", UnitID: 2, UnitName: `<i>'维修'</i>`},
		{ID: 130, Name: "李老师"},
	}
	h := &hazard.Hazard{UnitID: 2, ResponsibleID: 12, AcceptorID: 130, SupervisorID: 7}
	cases := []struct {
		name                string
		vals                url.Values
		unit, resp, acc, sp string
	}{
		{"record's values", nil, "2", "12", "130", "7"},
		{"values sent after a 422", url.Values{"unit_id": {"3"}, "responsible_id": {"7"}, "acceptor_id": {"12"}}, "3", "7", "12", ""},
		{"a non-canonical id selects nothing", url.Values{"unit_id": {"03"}, "responsible_id": {"x"}, "supervisor_id": {"0130"}}, "03", "x", "", "0130"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := &hazardShowView{H: h, Values: c.vals}
			s := hazardSelectsHTML(v, units, people)
			got := strings.Join([]string{string(s.Units), string(s.Responsible), string(s.Acceptor), string(s.Supervisor)}, "|")

			if strings.Contains(got, `<b>`) || strings.Contains(got, `<i>`) || strings.Contains(got, `<班组>`) {
				t.Errorf("a name is not escaped:\n%s", got)
			}
			if n := strings.Count(got, `&lt;b&gt;&#34;x&#34;&amp;（电工班 &amp; &lt;班组&gt;）</option>`); n != 3 {
				t.Errorf("escaped person in %d selects, want 3:\n%s", n, got)
			}

			type row struct{ V, L, U, N, UN string }
			data := struct {
				Units, People        []row
				Unit, Resp, Acc, Sup string
			}{Unit: c.unit, Resp: c.resp, Acc: c.acc, Sup: c.sp}
			for _, u := range unitChoices(units) {
				data.Units = append(data.Units, row{V: strconv.FormatInt(u.ID, 10), L: u.Label})
			}
			paths := map[int64]string{7: "3 2 1", 12: "2 1", 130: ""}
			for _, pe := range people {
				data.People = append(data.People, row{V: strconv.FormatInt(pe.ID, 10), U: paths[pe.ID], N: pe.Name, UN: pe.UnitName})
			}
			var want strings.Builder
			if err := oldHazardSelects.Execute(&want, data); err != nil {
				t.Fatal(err)
			}
			if got != want.String() {
				t.Errorf("markup differs from the template's\n got: %s\nwant: %s", got, want.String())
			}
		})
	}
}
