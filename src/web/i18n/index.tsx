/**
 * Language of the UI (zh-CN by default, English on request), kept in localStorage. `useI18n()` gives the
 * translation function `t`, the code-list labeller `label` and the antd locale.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, zh, type MessageKey } from './messages';
import { ENUM_LABELS, type EnumCode, type EnumName } from './enum-labels';

/** A UI language. */
export type Lang = 'zh' | 'en';

/** What `useI18n()` offers. */
export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The string of `key` with `{name}` placeholders filled. */
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** Label of a code: Chinese, or "English (中文)" in English mode. Unknown codes are shown as is. */
  label: <N extends EnumName>(list: N, code: EnumCode<N> | null | undefined) => string;
}

const STORAGE_KEY = 'zx.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

function fill(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

const I18nContext = createContext<I18n | null>(null);

/** Provides the language to the tree. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: keep it for this page only */
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const dict = lang === 'zh' ? zh : en;
    return {
      lang,
      setLang,
      t: (key, vars) => fill(dict[key], vars),
      label: (list, code) => {
        if (code === null || code === undefined) return '—';
        const pair = ENUM_LABELS[list] as { zh: Record<string, string>; en: Record<string, string> };
        const chinese = pair.zh[code] ?? code;
        if (lang === 'zh') return chinese;
        const english = pair.en[code];
        return english ? `${english} (${chinese})` : chinese;
      },
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its helpers. */
export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n() outside <I18nProvider>');
  return ctx;
}

export type { MessageKey };
