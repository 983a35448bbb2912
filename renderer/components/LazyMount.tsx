import { useEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  /** Height kept while the content is not mounted, so scrolling does not jump. */
  height: number;
  children: ReactNode;
  /** How far outside the viewport content is mounted ahead of time. */
  margin?: string;
}

/**
 * Mounts its children only while near the viewport, and unmounts them again when scrolled far
 * away: a grid of hundreds of charts then holds only the few on screen.
 */
export function LazyMount({ height, children, margin = '300px' }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    if (typeof IntersectionObserver === 'undefined') return setVisible(true);
    // The margin only widens the root's box, so the root must be the box that actually scrolls.
    const io = new IntersectionObserver(([entry]) => setVisible(entry.isIntersecting), { root: scrollParent(node), rootMargin: margin });
    io.observe(node);
    return () => io.disconnect();
  }, [margin]);

  return (
    <div ref={el} style={{ minHeight: height }}>
      {visible ? children : <div className="lazy-placeholder" style={{ height }} aria-hidden />}
    </div>
  );
}

function scrollParent(node: HTMLElement): HTMLElement | null {
  for (let el = node.parentElement; el; el = el.parentElement) {
    const { overflowY } = getComputedStyle(el);
    if (overflowY === 'auto' || overflowY === 'scroll') return el;
  }
  return null;
}
