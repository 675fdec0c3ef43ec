// Gmail system labels as Takeout writes them in `X-Gmail-Labels`, in English and in the localised spellings known
// (labels are localised to the account's language). Matched whole and case-insensitively, never by substring: a
// user label such as "Clients/Trash talk" stays a user label. Conservative: a label not listed is not acted on.
import type { LeftOutReason } from './types';

const DROPPED: Record<string, 'spam' | 'trash' | 'drafts' | 'chats'> = {};
const add = (reason: 'spam' | 'trash' | 'drafts' | 'chats', names: string[]) => {
  for (const n of names) DROPPED[n.toLowerCase()] = reason;
};
add('spam', ['Spam', 'Junk', 'Pourriel', 'Correo no deseado', 'Lixo eletrónico', 'Спам', '迷惑メール', '垃圾邮件', '垃圾郵件', '스팸']);
add('trash', ['Trash', 'Bin', 'Corbeille', 'Papierkorb', 'Papelera', 'Cestino', 'Lixeira', 'Lixo', 'Prullenbak',
  'Kosz', 'Papperskorgen', 'Papirkurv', 'Корзина', 'ゴミ箱', '已删除邮件', '垃圾桶', '휴지통']);
add('drafts', ['Drafts', 'Draft', 'Brouillons', 'Entwürfe', 'Borradores', 'Bozze', 'Rascunhos', 'Concepten',
  'Wersje robocze', 'Utkast', 'Kladder', 'Черновики', '下書き', '草稿', '임시보관함']);
add('chats', ['Chat', 'Chats', 'Discussions', 'Чаты', 'チャット', '聊天', '채팅']);

const SENT = new Set(
  ['Sent', 'Sent Mail', 'Sent Messages', 'Messages envoyés', 'Gesendet', 'Enviados', 'Posta inviata', 'Inviati',
    'E-mails enviados', 'Verzonden', 'Wysłane', 'Skickat', 'Sendt', 'Отправленные', '送信済み', '送信済みメール',
    '已发邮件', '寄件備份', '보낸편지함'].map((s) => s.toLowerCase()),
);

/** `Category Promotions` / `Category updates` / …: the bulk tabs. Primary/Personal are not bulk. */
const BULK_CATEGORY = /^(?:category|catégorie|kategorie|categoría|categoria|categorie)\s+(?:promotions?|social|sociale?s?|soziale netzwerke|updates|mises à jour|aktualisierungen|notificaciones|forums?|foren)$/i;

export interface LabelFacts {
  drop: Extract<LeftOutReason, 'spam' | 'trash' | 'drafts' | 'chats'> | null;
  sent: boolean;
  bulkCategory: boolean;
}

/** What a message's labels say. Trash and Spam win over Sent (a deleted sent mail is deleted). */
export function labelFacts(labels: readonly string[]): LabelFacts {
  let drop: LabelFacts['drop'] = null;
  let sent = false;
  let bulkCategory = false;
  const rank = { spam: 4, trash: 3, drafts: 2, chats: 1 };
  for (const l of labels) {
    const k = l.toLowerCase();
    const d = DROPPED[k];
    if (d && (!drop || rank[d] > rank[drop])) drop = d;
    if (SENT.has(k)) sent = true;
    if (BULK_CATEGORY.test(l)) bulkCategory = true;
  }
  return { drop, sent, bulkCategory };
}
