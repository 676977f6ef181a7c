// The main page: controls, the video stage with the overlay preview, the gesture list and the latency panel. Layout only; logic lives in the session.
import { CameraControls } from '../../components/CameraControls/CameraControls';
import { GestureRecorder } from '../../components/GestureRecorder/GestureRecorder';
import { ModelLibrary } from '../../components/ModelLibrary/ModelLibrary';
import { TrainPanel } from '../../components/TrainPanel/TrainPanel';
import { HandList } from '../../components/HandList/HandList';
import { LatencyPanel } from '../../components/LatencyPanel/LatencyPanel';
import { Notices } from '../../components/Notices/Notices';
import { OverlayPreview } from '../../components/OverlayPreview/OverlayPreview';
import { StreamPanel } from '../../components/StreamPanel/StreamPanel';
import { OfflineStatus } from '../../components/OfflineStatus/OfflineStatus';
import { VideoStage } from '../../components/VideoStage/VideoStage';

export function App() {
  return (
    <div className="app">
      <header>
        <h1>Handcast <OfflineStatus /></h1>
        <p className="muted">Hand gestures recognised in your browser. Nothing leaves this machine.</p>
      </header>
      <Notices />
      <CameraControls />
      <main className="layout">
        <div className="stage-column">
          <VideoStage />
          <OverlayPreview />
          <StreamPanel />
        </div>
        <aside>
          <HandList />
          <LatencyPanel />
          <GestureRecorder />
          <TrainPanel />
          <ModelLibrary />
        </aside>
      </main>
    </div>
  );
}
