import { useEffect, useRef, useState } from 'react';

/** The value, passed on at most once per `ms`: the latest one always arrives, just not every one. */
export function useThrottled<T>(value: T, ms: number): T {
  const [out, setOut] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const pass = () => {
      last.current = Date.now();
      setOut(value);
    };
    const wait = last.current + ms - Date.now();
    if (wait <= 0) return pass();
    const t = setTimeout(pass, wait);
    return () => clearTimeout(t);
  }, [value, ms]);
  return out;
}
