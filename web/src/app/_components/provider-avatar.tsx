/**
 * A provider's picture or logo (`User.image`: the app's own 256 px WebP, or an OAuth picture) as a circle
 * of `size` CSS pixels, or a circle with their initial. Decorative: the name is always written next to it.
 */
export function ProviderAvatar({ name, image, size }: { name: string; image: string | null; size: number }) {
  if (image) {
    // Already a small WebP (or a remote OAuth picture): served as is.
    // a plain <img> (no image client component on the page, issue 14 item 13)
    // eslint-disable-next-line @next/next/no-img-element -- served as is: nothing for the image optimizer to do
    return <img className="avatar" src={image} alt="" width={size} height={size} loading="lazy" decoding="async" />;
  }
  return (
    <span
      className="avatar avatar-initial"
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: Math.max(10, Math.round(size * 0.45)) }}
    >
      {name.trim().charAt(0).toUpperCase()}
    </span>
  );
}
