// Cuts the quoted history below a reply, where it is recognisable: an attribution line ("On … wrote:" in several
// languages, Outlook's "-----Original Message-----" or its "From:/Sent:" block) followed by the quote, or a block of
// `>` lines at the end. Text with nothing above the quote (a bare forward) is kept whole.

/** The end of an attribution line, by language. The line may be wrapped once, so two lines are joined to test. */
const ATTRIBUTION = new RegExp(
  [
    '^(?:On|Le|Am|El|Il|Em|Op|Den|På|Dne|W dniu|Dana|\\d).{0,300}(?:wrote|a écrit|schrieb|escribió|ha scritto|escreveu|schreef|skrev|napsal|napisał|napisała|napisał\\(a\\)|kirjoitti|írta|yazdı|пишет|написал|написала|написал\\(а\\)|έγραψε)\\s*:?\\s*$',
    '^.{0,300}(?:のメッセージ|書きました|写道|寫道|작성)\\s*[:：]?\\s*$',
  ].join('|'),
  'i',
);
const OUTLOOK =
  /^(?:-{2,}\s*(?:Original Message|Message d'origine|Ursprüngliche Nachricht|Mensaje original|Messaggio originale|Mensagem original|Oorspronkelijk bericht|Oryginalna wiadomość|Исходное сообщение)\s*-{2,}|_{20,})\s*$/i;
const OUTLOOK_FROM = /^(?:From|De|Von|Da|Van|Od|От)\s*:\s*\S/i;

export function trimQuoted(text: string): string {
  const lines = text.split('\n');
  let cut = -1;
  for (let i = 1; i < lines.length && cut < 0; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    if (OUTLOOK.test(line)) cut = i;
    else if (OUTLOOK_FROM.test(line) && i + 1 < lines.length && /^\S+\s*:\s*\S/.test(lines[i + 1]!.trim()) && !lines[i - 1]!.trim())
      cut = i;
    else if (ATTRIBUTION.test(line)) cut = i;
    else if (i + 1 < lines.length && ATTRIBUTION.test(line + ' ' + lines[i + 1]!.trim()))
      cut = i;
  }
  let end = cut >= 0 ? cut : lines.length;
  if (cut < 0) {
    // a block of `>` lines at the end, with the line introducing it
    let j = end;
    while (j > 0 && (!lines[j - 1]!.trim() || lines[j - 1]!.startsWith('>'))) j--;
    if (j < end && lines.slice(j, end).some((l) => l.startsWith('>'))) {
      end = j;
      if (end > 0 && /[:：]\s*$/.test(lines[end - 1]!)) {
        end--;
        // an attribution wrapped over two lines
        if (end > 0 && ATTRIBUTION.test(lines[end - 1]!.trim() + ' ' + lines[end]!.trim())) end--;
      }
    }
  }
  const kept = lines.slice(0, end).join('\n').trim();
  return kept ? kept : text.trim();
}

