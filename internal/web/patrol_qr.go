package web

import (
	"crypto/rand"
	"net/http"
	"strconv"

	"safecampus/internal/auth"
	"safecampus/internal/patrol"
)

// qrURL is the absolute URL a check point's QR code encodes: under the
// configured public URL when there is one (labels printed from an internal
// address still open the public one), else from the request's Host, so
// labels printed from the address people use open that same address.
func (s *Server) qrURL(r *http.Request, token string) string {
	if s.PublicURL != "" {
		return s.PublicURL + "/qr/" + token
	}
	scheme := "http"
	if r.TLS != nil || s.Secure {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/qr/" + token
}

// resolveQR finds the scanned check point. Someone outside its school
// learns nothing, not even that the token exists or is deactivated; for a
// member a deactivated one renders the "该检查点已停用" page (410) and
// resolveQR returns ok false.
func (s *Server) resolveQR(w http.ResponseWriter, r *http.Request) (patrol.CheckPoint, bool, error) {
	cp, err := s.Patrol.Resolve(r.Context(), r.PathValue("token"))
	if err != nil && !patrol.IsInactive(err) {
		return cp, false, err
	}
	if !auth.Can(actorFrom(r.Context()), auth.PermOrgView, auth.SchoolScope(cp.SchoolID)) {
		return cp, false, errNotFound
	}
	if err != nil {
		p := s.newPage(r, "检查点已停用")
		p.Data = map[string]any{"Inactive": true, "Point": cp}
		return cp, false, s.renderStatus(w, r, http.StatusGone, "patrol_qr", p)
	}
	return cp, true, nil
}

// qrShow is what a phone opens when it scans a label: the place, a big
// button that records the patrol (a GET must not write) and a link that
// starts a full inspection of the place.
func (s *Server) qrShow(w http.ResponseWriter, r *http.Request) error {
	cp, ok, err := s.resolveQR(w, r)
	if !ok {
		return err
	}
	a := actorFrom(r.Context())
	may := patrol.MayPatrol(a, cp.SchoolID)
	today := -1
	if may || patrol.MayViewCoverage(a, cp.SchoolID) {
		if today, err = s.Patrol.CountToday(r.Context(), a, cp.SchoolID, cp.PlaceID); err != nil {
			return err
		}
	}
	p := s.newPage(r, cp.PlaceName)
	p.Data = map[string]any{
		"Point": cp, "Token": r.PathValue("token"), "MayPatrol": may, "Today": today,
		// A fresh id per page view: a double tap or a resent form is one patrol.
		"ClientID":   "qr-" + rand.Text(),
		"InspectURL": "/inspections/new?place=" + strconv.FormatInt(cp.PlaceID, 10) + "&kind=grid_patrol",
		// 发现隐患？— the same place, preselected in 随手拍.
		"MayReport": auth.CanSomewhere(a, auth.PermHazardReport, cp.SchoolID),
		"ReportURL": "/hazards/report?place=" + strconv.FormatInt(cp.PlaceID, 10),
	}
	return s.render(w, r, "patrol_qr", p)
}

// qrPatrol records the patrol and returns to the scanned page.
func (s *Server) qrPatrol(w http.ResponseWriter, r *http.Request) error {
	cp, ok, err := s.resolveQR(w, r)
	if !ok {
		return err
	}
	rec, err := s.Patrol.Record(r.Context(), actorFrom(r.Context()), cp.SchoolID, patrol.Patrol{
		ClientID: r.PostFormValue("client_id"), PlaceID: cp.PlaceID, Note: r.PostFormValue("note")})
	if err != nil {
		return err
	}
	at := rec.At.In(shanghai)
	if rec.Repeat {
		return s.redirectf(w, r, "/qr/"+cp.Token, "本次巡查已于 %s 记录，未重复记录。", at.Format("15:04"))
	}
	day := at.Format("1月2日 15:04")
	if lang(r) == "en" {
		day = at.Format("2 Jan 15:04")
	}
	return s.redirectf(w, r, "/qr/"+cp.Token, "已记录巡查：%s，%s。", cp.PlaceName, day)
}
