//! The evidence files as one zip archive, stored uncompressed: one download instead of four
//! (browsers ask before letting a page start several), and the files inside are the exact
//! bytes `phi-lens export` writes. Plain Rust, tested natively.
//!
//! The archive is returned as consecutive byte slices (the headers, owned, and the files,
//! borrowed) so that a large report is not copied once more into the WebAssembly memory,
//! which never shrinks, just to be zipped.

use std::borrow::Cow;

/// When the entries were written, as zip stores it (MS-DOS local date and time, in 2-second
/// steps). The default is 1980-01-01 00:00, the earliest a zip can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DosTime {
    date: u16,
    time: u16,
}

impl Default for DosTime {
    fn default() -> Self {
        DosTime::new(1980, 1, 1, 0, 0, 0)
    }
}

impl DosTime {
    /// A calendar date and time (month and day from 1); out-of-range parts are clamped to what
    /// zip can say (years 1980 to 2107).
    pub(crate) fn new(year: u32, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Self {
        let year = year.clamp(1980, 2107) - 1980;
        let date = (year << 9) | (month.clamp(1, 12) << 5) | day.clamp(1, 31);
        let time = (hour.min(23) << 11) | (minute.min(59) << 5) | (second.min(59) / 2);
        // Both fit in 16 bits by construction (7 + 4 + 5 and 5 + 6 + 5 bits).
        DosTime { date: date as u16, time: time as u16 }
    }
}

/// Why the files cannot be zipped: zip without its 64-bit extension stops at 4 GB.
const TOO_LARGE: &str =
    "the evidence is too large for a zip file (over 4 GB): write it to a folder with `phi-lens export` instead";

/// The zip archive of `files`, each as `folder/name`, stored (not compressed), as consecutive
/// byte slices whose concatenation is the archive.
pub(crate) fn stored<'a>(
    folder: &str,
    files: &'a [(&'a str, Vec<u8>)],
    time: DosTime,
) -> Result<Vec<Cow<'a, [u8]>>, String> {
    let count = u16::try_from(files.len()).map_err(|_| TOO_LARGE.to_string())?;
    let mut parts = Vec::with_capacity(files.len() * 2 + 2);
    let mut central = Vec::new();
    let mut offset = 0u32;
    for (name, bytes) in files {
        let path = format!("{folder}/{name}");
        let entry = Entry {
            name: path.as_bytes(),
            crc: crc32(bytes),
            size: u32::try_from(bytes.len()).map_err(|_| TOO_LARGE.to_string())?,
            time,
        };
        let local = entry.local_header();
        central.extend_from_slice(&entry.central_header(offset));
        offset = u32::try_from(local.len())
            .ok()
            .and_then(|n| offset.checked_add(n))
            .and_then(|o| o.checked_add(entry.size))
            .ok_or_else(|| TOO_LARGE.to_string())?;
        parts.push(Cow::Owned(local));
        parts.push(Cow::Borrowed(bytes.as_slice()));
    }
    let central_size = u32::try_from(central.len()).map_err(|_| TOO_LARGE.to_string())?;
    offset.checked_add(central_size).ok_or_else(|| TOO_LARGE.to_string())?;
    let mut end = Vec::with_capacity(22);
    put32(&mut end, 0x0605_4b50);
    put16(&mut end, 0); // this disk
    put16(&mut end, 0); // the disk where the central directory starts
    put16(&mut end, count);
    put16(&mut end, count);
    put32(&mut end, central_size);
    put32(&mut end, offset);
    put16(&mut end, 0); // no comment
    parts.push(Cow::Owned(central));
    parts.push(Cow::Owned(end));
    Ok(parts)
}

/// What the local and the central header of one entry both say.
struct Entry<'a> {
    name: &'a [u8],
    crc: u32,
    size: u32,
    time: DosTime,
}

/// Version 2.0 of the format: what an extractor needs, and what wrote the file.
const VERSION: u16 = 20;
/// General purpose flag bit 11: the names are UTF-8.
const UTF8_NAMES: u16 = 1 << 11;

impl Entry<'_> {
    /// The fields from "version needed" to the extra field's length, in both headers.
    fn common(&self, out: &mut Vec<u8>) {
        put16(out, VERSION);
        put16(out, UTF8_NAMES);
        put16(out, 0); // stored
        put16(out, self.time.time);
        put16(out, self.time.date);
        put32(out, self.crc);
        put32(out, self.size); // compressed size
        put32(out, self.size);
        // Names are a folder and a file name: far below 64 KB.
        put16(out, u16::try_from(self.name.len()).unwrap_or(u16::MAX));
        put16(out, 0); // no extra field
    }

    fn local_header(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(30 + self.name.len());
        put32(&mut out, 0x0403_4b50);
        self.common(&mut out);
        out.extend_from_slice(self.name);
        out
    }

    fn central_header(&self, offset: u32) -> Vec<u8> {
        let mut out = Vec::with_capacity(46 + self.name.len());
        put32(&mut out, 0x0201_4b50);
        put16(&mut out, VERSION); // made by (MS-DOS attributes)
        self.common(&mut out);
        put16(&mut out, 0); // no comment
        put16(&mut out, 0); // disk number
        put16(&mut out, 0); // internal attributes
        put32(&mut out, 0); // external attributes
        put32(&mut out, offset);
        out.extend_from_slice(self.name);
        out
    }
}

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// The CRC-32 (ISO-HDLC, as zip and gzip use it) of `bytes`.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn u16_at(b: &[u8], at: usize) -> u16 {
        u16::from_le_bytes([b[at], b[at + 1]])
    }

    fn u32_at(b: &[u8], at: usize) -> u32 {
        u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
    }

    /// Reads the archive back through its central directory, as an extractor does:
    /// (name, bytes) of each entry.
    fn unzip(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
        let end = zip.len() - 22;
        assert_eq!(u32_at(zip, end), 0x0605_4b50);
        let count = u16_at(zip, end + 10) as usize;
        let mut at = u32_at(zip, end + 16) as usize;
        assert_eq!(at + u32_at(zip, end + 12) as usize, end, "the central directory ends where the end record starts");
        let mut out = Vec::new();
        for _ in 0..count {
            assert_eq!(u32_at(zip, at), 0x0201_4b50);
            let (crc, size) = (u32_at(zip, at + 16), u32_at(zip, at + 24) as usize);
            let name_len = u16_at(zip, at + 28) as usize;
            let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).unwrap_or_default();
            let local = u32_at(zip, at + 42) as usize;
            assert_eq!(u32_at(zip, local), 0x0403_4b50);
            assert_eq!(&zip[local + 30..local + 30 + name_len], name.as_bytes());
            let data = zip[local + 30 + name_len..local + 30 + name_len + size].to_vec();
            assert_eq!(crc32(&data), crc);
            out.push((name, data));
            at += 46 + name_len;
        }
        out
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn crc32_is_the_zip_checksum() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_archive_holds_the_files_byte_for_byte() {
        let files =
            vec![("report.json", b"{\n}\n".to_vec()), ("findings.csv", Vec::new()), ("report.html", vec![0, 255, 10])];
        let parts = stored("evidence", &files, DosTime::default()).unwrap_or_default();
        let zip: Vec<u8> = parts.iter().flat_map(|p| p.iter().copied()).collect();
        let entries = unzip(&zip);
        let expected: Vec<(String, Vec<u8>)> =
            files.iter().map(|(n, b)| (format!("evidence/{n}"), b.clone())).collect();
        assert_eq!(entries, expected);
        // The files themselves are not copied.
        assert!(matches!(parts[1], Cow::Borrowed(_)));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn an_empty_archive_is_just_the_end_record() {
        let parts = stored("x", &[], DosTime::default()).unwrap_or_default();
        let zip: Vec<u8> = parts.iter().flat_map(|p| p.iter().copied()).collect();
        assert_eq!(zip.len(), 22);
        assert!(unzip(&zip).is_empty());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn dos_time_packs_and_clamps() {
        assert_eq!(DosTime::default(), DosTime { date: (1 << 5) | 1, time: 0 });
        let t = DosTime::new(2025, 3, 14, 15, 9, 27);
        assert_eq!(t.date, (45 << 9) | (3 << 5) | 14);
        assert_eq!(t.time, (15 << 11) | (9 << 5) | 13);
        assert_eq!(
            DosTime::new(1970, 0, 0, 99, 99, 99),
            DosTime { date: (1 << 5) | 1, time: (23 << 11) | (59 << 5) | 29 }
        );
        assert_eq!(DosTime::new(3000, 12, 31, 0, 0, 0).date, (127 << 9) | (12 << 5) | 31);
    }
}
