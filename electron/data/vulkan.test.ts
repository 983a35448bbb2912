import { describe, expect, it } from 'vitest';
import { webGpuRefusal } from './vulkan';

describe('WebGPU precheck', () => {
  it('on Linux, refuses without a Vulkan loader and allows with one, also on LD_LIBRARY_PATH', () => {
    const none = () => false;
    expect(webGpuRefusal('linux', {}, none)).toMatch(/^no Vulkan loader \(libvulkan\.so\.1\)/);
    expect(webGpuRefusal('linux', {}, (p) => p === '/usr/lib/x86_64-linux-gnu/libvulkan.so.1')).toBeNull();
    expect(webGpuRefusal('linux', { LD_LIBRARY_PATH: '/opt/vk/lib:' }, (p) => p === '/opt/vk/lib/libvulkan.so.1')).toBeNull();
  });

  it('leaves other platforms to Dawn', () => {
    expect(webGpuRefusal('darwin', {}, () => false)).toBeNull();
    expect(webGpuRefusal('win32', {}, () => false)).toBeNull();
  });
});
