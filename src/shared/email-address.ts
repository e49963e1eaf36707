const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** Whether a text is an e-mail address (`anne@example.lu`: the usual shape, not every form RFC 5322 allows). */
export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && ADDRESS.test(text);
}

/** Whether a text is a sender: an address, or a display name and an address (`Service client <service@operator.lu>`). */
export function isMailbox(text: string): boolean {
  const named = /^\s*[^<>]*<([^<>]+)>\s*$/.exec(text);
  return isEmailAddress(named ? named[1]!.trim() : text.trim());
}
