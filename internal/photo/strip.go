package photo

import "bytes"

// Payload sizes of the APP0 JFIF and APP14 Adobe segments as written back.
// Of JFIF only the identifier, version, units and densities are kept and
// the thumbnail is set to 0×0: a thumbnail could show what was cropped.
const jfifLen, adobeLen = 14, 12

// stripJPEG checks the marker structure of data in one pass and returns a
// copy holding only what decoding needs: SOI, DQT, DHT, DRI, one SOF0/1/2,
// the scans with their entropy-coded data, one JFIF APP0 (no thumbnail),
// an Adobe APP14 (it says whether the three channels are RGB or YCbCr) and
// EOI. Every other APPn (EXIF, XMP, ICC, Photoshop…), COM and anything
// after EOI is dropped. ok is false for anything unusual (bad lengths,
// unknown markers, other coding processes, 12-bit samples, not 1 or 3
// components, a frame size other than w×h…): the caller then re-encodes,
// so strictness costs only time. The entropy-coded data is not decoded.
func stripJPEG(data []byte, w, h int) (out []byte, ok bool) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 || w <= 0 || h <= 0 {
		return nil, false
	}
	out = make([]byte, 0, len(data))
	out = append(out, 0xFF, 0xD8)
	var (
		sof              []byte // frame header payload, nil until seen
		progressive      bool
		scans            int
		qt, dc, ac       uint8 // defined tables, one bit per slot
		scanned          uint8 // frame components seen in a scan
		seenJFIF, seenAd bool
	)
	for i := 2; ; {
		if i+2 > len(data) || data[i] != 0xFF {
			return nil, false
		}
		m := data[i+1]
		if m == 0xD9 { // EOI: what follows is dropped
			if sof == nil || scans == 0 || scanned != 1<<sof[5]-1 {
				return nil, false
			}
			return append(out, 0xFF, 0xD9), true
		}
		if i+4 > len(data) {
			return nil, false
		}
		end := i + 2 + (int(data[i+2])<<8 | int(data[i+3]))
		if end < i+4 || end > len(data) {
			return nil, false
		}
		seg, p := data[i:end], data[i+4:end]
		switch {
		case m == 0xC0 || m == 0xC1 || m == 0xC2:
			if sof != nil || !frameOK(p, w, h) {
				return nil, false
			}
			sof, progressive = p, m == 0xC2
			out = append(out, seg...)
		case m == 0xC4 || m == 0xDB:
			if !tablesOK(p, m == 0xC4, &dc, &ac, &qt) {
				return nil, false
			}
			out = append(out, seg...)
		case m == 0xDD:
			if len(p) != 2 {
				return nil, false
			}
			out = append(out, seg...)
		case m == 0xDA:
			comps, good := scanOK(p, sof, progressive, qt, dc, ac)
			if !good {
				return nil, false
			}
			scanned |= comps
			k, good := entropyEnd(data, end)
			if !good {
				return nil, false
			}
			out = append(out, data[i:k]...)
			scans++
			i = k
			continue
		case m == 0xE0: // any other APP0 would change how decoders read the colours
			if seenJFIF || len(p) < jfifLen || string(p[:5]) != "JFIF\x00" {
				return nil, false
			}
			seenJFIF = true
			out = append(out, 0xFF, 0xE0, 0, jfifLen+2)
			out = append(append(out, p[:jfifLen-2]...), 0, 0)
		case m == 0xEE && len(p) >= adobeLen && string(p[:5]) == "Adobe":
			if seenAd {
				return nil, false
			}
			seenAd = true
			out = append(out, 0xFF, 0xEE, 0, adobeLen+2)
			out = append(out, p[:adobeLen]...)
		case m >= 0xE1 && m <= 0xEF || m == 0xFE: // other APPn, COM: dropped
		default:
			return nil, false
		}
		i = end
	}
}

// frameOK checks an SOF payload: 8-bit, w×h, 1 or 3 distinct components
// with sampling factors 1–4 and quantisation table slots 0–3.
func frameOK(p []byte, w, h int) bool {
	if len(p) < 6 || p[0] != 8 || int(p[1])<<8|int(p[2]) != h || int(p[3])<<8|int(p[4]) != w {
		return false
	}
	n := int(p[5])
	if n != 1 && n != 3 || len(p) != 6+3*n {
		return false
	}
	for c := 0; c < n; c++ {
		id, hv, tq := p[6+3*c], p[7+3*c], p[8+3*c]
		if hv>>4 < 1 || hv>>4 > 4 || hv&15 < 1 || hv&15 > 4 || tq > 3 {
			return false
		}
		for d := 0; d < c; d++ {
			if p[6+3*d] == id {
				return false
			}
		}
	}
	return true
}

// tablesOK walks the tables of a DHT (huffman) or DQT payload and marks
// the slots they define.
func tablesOK(p []byte, huffman bool, dc, ac, qt *uint8) bool {
	if len(p) == 0 {
		return false
	}
	for len(p) > 0 {
		class, slot := p[0]>>4, p[0]&15
		if slot > 3 || class > 1 {
			return false
		}
		size := 1 + 64<<class // DQT: 8- or 16-bit entries
		if huffman {
			if len(p) < 17 {
				return false
			}
			size = 17
			for _, c := range p[1:17] {
				size += int(c)
			}
			if size == 17 || size > 17+256 {
				return false
			}
		}
		if len(p) < size {
			return false
		}
		switch {
		case !huffman:
			*qt |= 1 << slot
		case class == 0:
			*dc |= 1 << slot
		default:
			*ac |= 1 << slot
		}
		p = p[size:]
	}
	return true
}

// scanOK checks an SOS payload against the frame and the tables defined so
// far and returns the frame components the scan codes (one bit each).
func scanOK(p, sof []byte, progressive bool, qt, dc, ac uint8) (uint8, bool) {
	if sof == nil || len(p) < 1 {
		return 0, false
	}
	n := int(p[0])
	if n < 1 || n > int(sof[5]) || len(p) != 1+2*n+3 {
		return 0, false
	}
	ss, se, ah, al := p[1+2*n], p[2+2*n], p[3+2*n]>>4, p[3+2*n]&15
	if !progressive && (ss != 0 || se != 63 || ah != 0 || al != 0) ||
		progressive && (ss > se || se > 63 || (ss == 0) != (se == 0) || ss > 0 && n != 1 || ah > 13 || al > 13) {
		return 0, false
	}
	var comps uint8
	for k := 0; k < n; k++ {
		id, td, ta := p[1+2*k], p[2+2*k]>>4, p[2+2*k]&15
		c := 0
		for c < int(sof[5]) && sof[6+3*c] != id {
			c++
		}
		if c == int(sof[5]) || comps&(1<<c) != 0 || td > 3 || ta > 3 || qt&(1<<sof[8+3*c]) == 0 {
			return 0, false
		}
		needDC := ss == 0 && (!progressive || ah == 0)
		if needDC && dc&(1<<td) == 0 || (!progressive || ss > 0) && ac&(1<<ta) == 0 {
			return 0, false
		}
		comps |= 1 << c
	}
	return comps, true
}

// entropyEnd returns the index of the marker that ends the entropy-coded
// data starting at k: 0xFF00 (a stuffed 0xFF byte) and RST0–7 belong to
// the data; the data must end before the end of the file.
func entropyEnd(data []byte, k int) (int, bool) {
	for {
		j := bytes.IndexByte(data[k:], 0xFF)
		if j < 0 || k+j+1 >= len(data) {
			return 0, false
		}
		k += j
		if b := data[k+1]; b != 0 && (b < 0xD0 || b > 0xD7) {
			return k, true
		}
		k += 2
	}
}
