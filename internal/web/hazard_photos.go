package web

import (
	"errors"
	"mime/multipart"
	"net/http"

	"safecampus/internal/hazard"
	"safecampus/internal/photo"
)

// hazardPhotoMax is the size limit of one photo from the camera.
const hazardPhotoMax = photo.DefaultMaxBytes

// hazardPhotoRow is one group of a hazard's photos on its page.
type hazardPhotoRow struct {
	Title string
	URLs  []string
}

// hazardPhotoRows are the photos before (the report's or the finding's),
// during and after rectification, each served through the hazard's own
// photo route.
func hazardPhotoRows(id int64, before, after, progress []hazard.Photo) []hazardPhotoRow {
	urls := func(ps []hazard.Photo) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = hazardPhotoURL(id, p.ID)
		}
		return out
	}
	return []hazardPhotoRow{
		{"隐患照片（整改前）", urls(before)},
		{"整改过程照片", urls(progress)},
		{"整改后照片", urls(after)},
	}
}

// saveHazardPhoto stores one uploaded image (sniffed, stripped or
// re-encoded, fsynced) and returns it; no row points at it yet.
func (s *Server) saveHazardPhoto(fh *multipart.FileHeader) (photo.Saved, error) {
	if s.Photos == nil {
		return photo.Saved{}, errors.New("photo store not configured")
	}
	f, err := fh.Open()
	if err != nil {
		return photo.Saved{}, err
	}
	defer f.Close()
	return s.Photos.Put(f, hazardPhotoMax)
}

// storeHazardPhoto saves one uploaded image and records it as the actor's
// pending photo; a step links it to the hazard in its own transaction.
func (s *Server) storeHazardPhoto(r *http.Request, school int64, fh *multipart.FileHeader) (int64, error) {
	saved, err := s.saveHazardPhoto(fh)
	if err != nil {
		return 0, err
	}
	return s.Hazard.AddPendingPhoto(r.Context(), actorFrom(r.Context()), school, saved)
}

// hazardPhoto serves a photo of a hazard to whoever may see the hazard
// (which includes a finding's photos for a unit head who may not read the
// inspection); anyone else gets 404, as if it did not exist.
func (s *Server) hazardPhoto(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	name, err := s.Hazard.PhotoFile(r.Context(), actorFrom(r.Context()), school, optID(r.PathValue("id")), optID(r.PathValue("photo")))
	if err != nil {
		return err
	}
	if s.Photos == nil {
		return errors.New("photo store not configured")
	}
	f, err := s.Photos.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "private, max-age=86400")
	http.ServeContent(w, r, "", st.ModTime(), f)
	return nil
}

// listingView is one listed-supervision period as the page shows it.
type listingView struct {
	ListedAt, ListedBy, Note, DelistedAt, DelistedBy string
}

func listingViews(p *page, ls []hazard.Listing) []listingView {
	loc := p.School.Location()
	out := make([]listingView, len(ls))
	for i, l := range ls {
		out[i] = listingView{ListedAt: l.ListedAt.In(loc).Format("2006年1月2日 15:04"), ListedBy: l.ListedByName, Note: l.Note}
		if l.DelistedAt != nil {
			out[i].DelistedAt, out[i].DelistedBy = l.DelistedAt.In(loc).Format("2006年1月2日 15:04"), l.DelistedByName
		}
	}
	return out
}

// extensionView is one deadline-extension request as the page shows it.
type extensionView struct {
	Status, RequestedAt, RequestedBy, OldDeadline, NewDeadline, Reason, Decision string
}

func extensionViews(p *page, es []hazard.Extension) []extensionView {
	loc := p.School.Location()
	out := make([]extensionView, len(es))
	for i, e := range es {
		out[i] = extensionView{Status: e.StatusLabel(), RequestedAt: e.RequestedAt.In(loc).Format("2006年1月2日 15:04"), RequestedBy: e.RequestedByName,
			OldDeadline: chineseDate(e.OldDeadline), NewDeadline: chineseDate(e.NewDeadline), Reason: e.Reason}
		if e.DecidedAt != nil {
			out[i].Decision = p.T("审批") + " " + e.DecidedAt.In(loc).Format("2006年1月2日 15:04")
			if e.DecisionNote != "" {
				out[i].Decision += "：" + e.DecisionNote
			}
		}
	}
	return out
}
