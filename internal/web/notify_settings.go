package web

import (
	"net/http"
	"strconv"
	"strings"

	"safecampus/internal/notify"
)

// channelForm is one channel form on the settings page: a new channel of
// Kind, or the edit form of channel ID. Errors shows the page's field
// errors in this form only (the one that was posted).
type channelForm struct {
	Page   *page
	ID     int64
	Kind   notify.ChannelKind
	In     notify.ChannelInput
	Errors bool
}

// Err is the field's message when this form was the one posted.
func (f channelForm) Err(field string) string {
	if !f.Errors {
		return ""
	}
	return f.Page.Err(field)
}

// notifySettings lists the school's channels with their forms and the
// latest deliveries (?status= filters them).
func (s *Server) notifySettings(w http.ResponseWriter, r *http.Request) error {
	p, err := s.notifySettingsPage(r, 0, "", notify.ChannelInput{})
	if err != nil {
		return err
	}
	return s.render(w, r, "notify_settings", p)
}

// notifySettingsPage builds the page; failedID/failedKind name the form
// whose posted values (in) are shown again with their errors.
func (s *Server) notifySettingsPage(r *http.Request, failedID int64, failedKind notify.ChannelKind, in notify.ChannelInput) (*page, error) {
	school, err := requireSchool(r)
	if err != nil {
		return nil, err
	}
	a := actorFrom(r.Context())
	chans, err := s.Notify.Channels(r.Context(), a, school)
	if err != nil {
		return nil, err
	}
	status := r.URL.Query().Get("status")
	switch status {
	case notify.StatusPending, notify.StatusSending, notify.StatusSent, notify.StatusDead:
	default:
		status = ""
	}
	rows, err := s.Notify.Outbox(r.Context(), a, school, status)
	if err != nil {
		return nil, err
	}
	p := s.newPage(r, "通知渠道")
	var creates, edits []channelForm
	for _, k := range notify.ChannelKinds {
		f := channelForm{Page: p, Kind: k, In: notify.ChannelInput{Kind: k, SMTPPort: "465", SMTPSecurity: notify.SecurityTLS}}
		if failedID == 0 && failedKind == k {
			f.In, f.Errors = in, true
		}
		creates = append(creates, f)
	}
	for _, c := range chans {
		f := channelForm{Page: p, ID: c.ID, Kind: c.Kind, In: inputOf(c)}
		if failedID == c.ID {
			f.In, f.Errors = in, true
		}
		edits = append(edits, f)
	}
	p.Data = map[string]any{"Channels": chans, "Edits": edits, "Creates": creates, "Outbox": rows, "Status": status,
		"Statuses": statusFilters, "Keyword": notify.Keyword}
	return p, nil
}

// inputOf fills the edit form with a channel's settings, secrets left out.
func inputOf(c notify.Channel) notify.ChannelInput {
	cf := c.Config
	in := notify.ChannelInput{Kind: c.Kind, Name: c.Name, SMTPHost: cf.Host, SMTPSecurity: cf.Security, SMTPUser: cf.Username,
		SMTPFrom: cf.From, SMTPFromName: cf.FromName, SMTPTo: strings.Join(cf.To, "\n")}
	if cf.Port != 0 {
		in.SMTPPort = strconv.Itoa(cf.Port)
	}
	return in
}

// channelInput reads the posted channel form.
func channelInput(r *http.Request) notify.ChannelInput {
	v := r.PostFormValue
	return notify.ChannelInput{Kind: notify.ChannelKind(v("kind")), Name: v("name"),
		WeComKey: v("wecom_key"), DingTalkToken: v("dingtalk_token"), DingTalkSecret: v("dingtalk_secret"),
		SMTPHost: v("smtp_host"), SMTPPort: v("smtp_port"), SMTPSecurity: v("smtp_security"), SMTPUser: v("smtp_user"),
		SMTPPassword: v("smtp_password"), SMTPFrom: v("smtp_from"), SMTPFromName: v("smtp_from_name"), SMTPTo: v("smtp_to")}
}

func (s *Server) notifyChannelCreate(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	in := channelInput(r)
	c, err := s.Notify.CreateChannel(r.Context(), actorFrom(r.Context()), school, in)
	if err != nil {
		return s.channelInvalid(w, r, err, 0, in)
	}
	return s.redirectf(w, r, "/settings/notify", "已添加通知渠道“%s”。可点“发送测试”检查配置。", c.Name)
}

func (s *Server) notifyChannelUpdate(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	in := channelInput(r)
	c, err := s.Notify.UpdateChannel(r.Context(), actorFrom(r.Context()), school, id, in)
	if err != nil {
		return s.channelInvalid(w, r, err, id, in)
	}
	return s.redirectf(w, r, "/settings/notify", "已保存通知渠道“%s”。", c.Name)
}

// channelInvalid re-renders the settings page with the posted form's
// errors (422); other errors (403, 404) pass through. Secrets typed into
// the form are not sent back.
func (s *Server) channelInvalid(w http.ResponseWriter, r *http.Request, err error, id int64, in notify.ChannelInput) error {
	in.WeComKey, in.DingTalkToken, in.DingTalkSecret, in.SMTPPassword = "", "", "", ""
	p, perr := s.notifySettingsPage(r, id, in.Kind, in)
	if perr != nil {
		return perr
	}
	return s.formInvalid(w, r, err, "notify_settings", p)
}

func (s *Server) notifyChannelTest(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.Notify.SendTest(r.Context(), actorFrom(r.Context()), school, id); err != nil {
		return err
	}
	return s.redirect(w, r, "/settings/notify", "测试消息已加入发送队列，稍后在下方“发送记录”中查看结果。")
}

// statusFilters are the outbox filters offered above the list.
var statusFilters = []struct{ Key, Label string }{
	{notify.StatusPending, notify.StatusLabel(notify.StatusPending)},
	{notify.StatusSent, notify.StatusLabel(notify.StatusSent)},
	{notify.StatusDead, notify.StatusLabel(notify.StatusDead)},
}
