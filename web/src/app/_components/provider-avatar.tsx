import Image from "next/image";

/**
 * A provider's picture or logo (`User.image`: the app's own 256 px WebP, or an OAuth picture) as a circle
 * of `size` CSS pixels, or a circle with their initial. Decorative: the name is always written next to it.
 */
export function ProviderAvatar({ name, image, size }: { name: string; image: string | null; size: number }) {
  if (image) {
    // Already a small WebP (or a remote OAuth picture): served as is.
    return <Image className="avatar" src={image} alt="" width={size} height={size} unoptimized />;
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
