import { Button, Result, Spin } from 'antd';
import { useEffect, useState, type ComponentType } from 'react';

/** A page in its own chunk: rendered at once when loaded, else after its chunk arrives; `preload()` fetches it. */
export interface PageComponent {
  (): React.ReactNode;
  preload(): Promise<void>;
}

/**
 * A page loaded on first visit, like React.lazy but without suspending: until its chunk has arrived the page
 * shows a spinner and then renders on a plain state update. With React.lazy the first page of a visit waited
 * for Suspense's fallback throttle as well — its content is revealed no sooner than 300 ms after the fallback
 * was shown, however early the chunk came (most of the idle time in 我的待办's first second). main.tsx preloads
 * the page of the address before the first render, so that page usually renders with the shell.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): PageComponent {
  let loaded: ComponentType | null = null;
  let loading: Promise<void> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (module) => {
        loaded = module.default;
      },
      (error: unknown) => {
        loading = null; // a later visit tries again
        throw error;
      },
    ));

  function Page() {
    const [failed, setFailed] = useState(false);
    const [, setArrived] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let current = true;
      preload().then(
        () => current && setArrived(true),
        () => current && setFailed(true),
      );
      return () => {
        current = false;
      };
    }, []);
    if (loaded) {
      const Loaded = loaded;
      return <Loaded />;
    }
    if (failed)
      return (
        <Result
          status="warning"
          title="页面未能加载"
          subTitle="请检查网络后刷新页面重试。"
          extra={<Button onClick={() => window.location.reload()}>刷新</Button>}
        />
      );
    return <Spin description="正在加载…" size="large" style={{ display: 'block', marginTop: 96 }} />;
  }
  return Object.assign(Page, { preload });
}
