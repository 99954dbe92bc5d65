package web

import (
	"net/http"

	"safecampus/internal/org"
)

// gridBox is a grid of the diagram with the page, so that the recursive
// box template can translate its labels.
type gridBox struct {
	*org.GridNode
	P    *page
	Kids []gridBox
}

func boxes(nodes []*org.GridNode, p *page) []gridBox {
	out := make([]gridBox, 0, len(nodes))
	for _, n := range nodes {
		out = append(out, gridBox{GridNode: n, P: p, Kids: boxes(n.Children, p)})
	}
	return out
}

// gridDiagram is the grid network diagram (网格化管理网络图, RUL-2): every
// active grid as a box holding its leader, members, places and sub-grids,
// laid out to print on A4.
func (s *Server) gridDiagram(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	nodes, err := s.Org.GridDiagram(r.Context(), actorFrom(r.Context()), school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "网格化管理网络图")
	p.Data = map[string]any{"Boxes": boxes(nodes, p), "Generated": s.Now()}
	return s.render(w, r, "grid_diagram", p)
}
